#!/bin/sh
# A scripted stand-in for an AI coding agent, for Anvil's first run. Anvil runs it in the story's
# worktree (a fresh copy of the fixture) with the story in the environment (ANVIL_STORY_ID,
# ANVIL_PROMPT, ...). It does what each demo story asks, deterministically, except add-multiply,
# where it makes the mistake an agent might make: the test it writes then fails.
set -eu
echo "demo agent: story $ANVIL_STORY_ID in $(pwd)"
echo "demo agent: prompt: $ANVIL_PROMPT"

case "$ANVIL_STORY_ID" in
  add-subtract)
    cat > src/Calculator.java <<'JAVA'
/** Integer arithmetic, grown one story at a time. */
public final class Calculator {
    public int add(int a, int b) {
        return a + b;
    }

    public int subtract(int a, int b) {
        return a - b;
    }
}
JAVA
    cat > test/SubtractTest.java <<'JAVA'
public final class SubtractTest {
    public static void main(String[] args) {
        Calculator c = new Calculator();
        Check.equal("subtract(5, 3)", 2, c.subtract(5, 3));
        Check.equal("subtract(0, 4)", -4, c.subtract(0, 4));
    }
}
JAVA
    ;;
  add-multiply)
    cat > src/Calculator.java <<'JAVA'
/** Integer arithmetic, grown one story at a time. */
public final class Calculator {
    public int add(int a, int b) {
        return a + b;
    }

    public int multiply(int a, int b) {
        return a + b; // the demo agent's deliberate mistake
    }
}
JAVA
    cat > test/MultiplyTest.java <<'JAVA'
public final class MultiplyTest {
    public static void main(String[] args) {
        Check.equal("multiply(3, 4)", 12, new Calculator().multiply(3, 4));
    }
}
JAVA
    ;;
  greeting)
    cat > src/Greeter.java <<'JAVA'
public final class Greeter {
    public static void main(String[] args) {
        System.out.println("Hello, Anvil!");
    }
}
JAVA
    ;;
  usage-doc)
    mkdir -p docs
    cat > docs/USAGE.md <<'MD'
# Using the calculator

Build: `sh build.sh` (classes in out/). Test: `sh test.sh`.

    new Calculator().add(2, 3)   // 5
MD
    ;;
  *)
    echo "demo agent: no script for story '$ANVIL_STORY_ID'" >&2
    exit 3
    ;;
esac
echo "demo agent: done"
