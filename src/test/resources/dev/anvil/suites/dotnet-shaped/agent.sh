#!/bin/sh
# The scripted agent. $1 is the prompt file; the story is told by its file (its id depends on
# which folders are recorded together). It works in the story's worktree, its current folder.
set -eu
test -s "$1" || { echo "agent: no prompt in '$1'" >&2; exit 9; }

# insert_before FILE MARKER TEXT: TEXT on its own line before the line holding MARKER
insert_before() {
  awk -v m="$2" -v t="$3" 'index($0, m) { print t } { print }' "$1" > "$1.new" && mv "$1.new" "$1"
}

case "$ANVIL_STORY_FILE" in
  */calibration/add-method-to-service.yaml)
    insert_before src/Services/StockService.cs "// more methods here" \
      "    public int? GetStockLevel(string sku) => _stock.TryGetValue(sku, out var n) ? n : null;"
    # the agent commits its work: it still counts as what the agent produced
    git add -A && git commit -q -m "Add GetStockLevel"
    ;;
  */calibration/rename-method.yaml)
    for f in src/Services/IOrderService.cs src/Services/OrderService.cs src/Controllers/OrdersController.cs; do
      sed 's/LoadOrder/FindOrderById/g' "$f" > "$f.new" && mv "$f.new" "$f"
    done
    ;;
  */calibration/remove-debug-output.yaml)
    # forgets the controller: file_not_contains must say so
    grep -v 'Console.WriteLine("DEBUG' src/Services/StockService.cs > s.new && mv s.new src/Services/StockService.cs
    ;;
  */test/add-method-to-service.yaml)
    insert_before src/Calculator/Calculator.cs "// more methods here" \
      "    public int Sum(int[] values) { var total = 0; foreach (var v in values) { total += v; } return total; }"
    ;;
  */greenfield/hello-cli.md)
    # a greenfield story starts in an empty git repository with one (empty) commit
    test "$(ls -A)" = ".git" || { echo "agent: worktree not empty: $(ls -A)" >&2; exit 4; }
    test "$(git rev-list --count HEAD)" = 1 || { echo "agent: expected one commit" >&2; exit 5; }
    printf '<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup><OutputType>Exe</OutputType></PropertyGroup>\n</Project>\n' > Hello.csproj
    printf 'Console.WriteLine("Hello, Anvil!");\n' > Program.cs
    ;;
  *)
    echo "agent: no script for $ANVIL_STORY_FILE" >&2
    exit 3
    ;;
esac
