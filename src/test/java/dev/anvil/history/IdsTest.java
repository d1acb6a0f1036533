package dev.anvil.history;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class IdsTest {

    @Test
    void timeOrderedIdsAreVersionSevenUuidsThatSortInTheOrderTheyWereMade() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Ids.newTimeOrderedId());
        }
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        UUID first = UUID.fromString(ids.get(0));
        assertThat(first.version()).isEqualTo(7);
        assertThat(first.variant()).isEqualTo(2);
        long millis = first.getMostSignificantBits() >>> 16;
        assertThat(millis).isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis());
    }

    @Test
    void runIdsStayRandomSoTheirShortFormsDiffer() {
        assertThat(UUID.fromString(Ids.newId()).version()).isEqualTo(4);
        assertThat(Ids.shortId("5ad50d4f-be4c-4a2d-bcd9-9b2ffdd056c0")).isEqualTo("5ad50d4f");
    }
}
