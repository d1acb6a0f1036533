package dev.anvil.analysis;

import dev.anvil.history.HistoryRepository;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.RunStart;
import dev.anvil.history.RunStatus;
import dev.anvil.history.StoryResult;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Histories written by hand, one character per run: {@code +} passed, {@code -} failed, {@code e}
 * error, {@code s} skipped, {@code .} not run. Run i of a mode starts at day i; its SUT revision is
 * {@code rev-i}.
 */
final class HandWrittenHistory {
    static final Instant START = Instant.parse("2026-01-01T06:00:00Z");

    private HandWrittenHistory() {
    }

    /** Records {@code outcomes[k]} for {@code stories[k]} in {@code mode}; returns the run ids in order. */
    static List<String> record(HistoryRepository repo, String mode, String language, String[] stories, String... outcomes) {
        int runs = 0;
        for (String o : outcomes) {
            runs = Math.max(runs, o.length());
        }
        List<String> ids = new ArrayList<>();
        int offset = mode.hashCode() & 0xff;
        for (int r = 0; r < runs; r++) {
            Instant at = START.plus(Duration.ofDays(r)).plusSeconds(offset);
            String id = String.format("%08x-0000-4000-8000-%012d", offset, r);
            repo.startRun(new RunStart(id, at, mode, null, "rev-" + r, "test", null, "test"));
            List<StoryResult> results = new ArrayList<>();
            for (int k = 0; k < stories.length; k++) {
                if (r >= outcomes[k].length() || outcomes[k].charAt(r) == '.') {
                    continue;
                }
                ResultStatus status;
                switch (outcomes[k].charAt(r)) {
                    case '+': status = ResultStatus.PASSED; break;
                    case '-': status = ResultStatus.FAILED; break;
                    case 'e': status = ResultStatus.ERROR; break;
                    default: status = ResultStatus.SKIPPED; break;
                }
                results.add(StoryResult.of(id, stories[k], language, status, 1000,
                        status == ResultStatus.PASSED ? null : "boom", at.plusSeconds(k + 1)));
            }
            repo.appendResults(results);
            repo.finishRun(id, RunStatus.COMPLETED, at.plusSeconds(stories.length + 2));
            ids.add(id);
        }
        return ids;
    }

    static String repeat(String s, int n) {
        return s.repeat(n);
    }
}
