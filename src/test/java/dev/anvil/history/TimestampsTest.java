package dev.anvil.history;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimestampsTest {

    @Test
    void ourFixedWidthFormReadsBackExactly() {
        Random random = new Random(3);
        for (int i = 0; i < 2_000; i++) {
            Instant t = Instant.ofEpochMilli(random.nextLong(-2_000_000_000_000L, 40_000_000_000_000L));
            assertThat(Timestamps.parse(Timestamps.format(t))).isEqualTo(t);
        }
        assertThat(Timestamps.parse("2024-02-29T23:59:59.999Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.999Z"));
    }

    @Test
    void whatOtherAdr005WritersStoredIsReadLeniently() {
        assertThat(Timestamps.parse("2026-01-30 06:00:00.1234567")).isEqualTo(Instant.parse("2026-01-30T06:00:00.1234567Z"));
        assertThat(Timestamps.parse("2026-01-30T07:00:00+01:00")).isEqualTo(Instant.parse("2026-01-30T06:00:00Z"));
        assertThat(Timestamps.parse(" 2026-01-30T06:00:00.000Z ")).isEqualTo(Instant.parse("2026-01-30T06:00:00Z"));
        assertThat(Timestamps.parse("")).isNull();
    }

    @Test
    void aFixedWidthLookalikeThatIsNoDateIsRefused() {
        assertThatThrownBy(() -> Timestamps.parse("2026-02-30T06:00:00.000Z")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a timestamp");
        assertThatThrownBy(() -> Timestamps.parse("2026-0x-01T06:00:00.000Z")).isInstanceOf(IllegalArgumentException.class);
    }
}
