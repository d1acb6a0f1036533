package dev.anvil.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FisherExactTest {

    @Test
    void fiveFailuresAfterTenPassesHaveTheProbabilityOfThatOneArrangement() {
        // 10 passes, 5 failures: all failures last is 1 of C(15, 5) = 3003 arrangements.
        assertThat(FisherExact.drop(10, 10, 0, 5)).isCloseTo(1.0 / 3003, within(1e-12));
        assertThat(FisherExact.rise(0, 10, 5, 5)).isCloseTo(1.0 / 3003, within(1e-12));
    }

    @Test
    void theTailSumsEveryTableAsExtremeAsTheObservedOne() {
        // 8 of 10 passed before, 1 of 4 after: P(X <= 1) with N = 14, K = 9, n = 4.
        double p0 = 1.0 * 5 / 1001;          // C(9,0) C(5,4) / C(14,4)
        double p1 = 9.0 * 10 / 1001;         // C(9,1) C(5,3) / C(14,4)
        assertThat(FisherExact.drop(8, 10, 1, 4)).isCloseTo(p0 + p1, within(1e-12));
    }

    @Test
    void noDifferenceIsNoEvidence() {
        assertThat(FisherExact.drop(5, 10, 5, 10)).isGreaterThan(0.5);
        assertThat(FisherExact.rise(10, 10, 10, 10)).isEqualTo(1.0);
    }

    @Test
    void aYearOfPassesThenFailuresGivesATinyButUsableValue() {
        double p = FisherExact.drop(700, 700, 0, 30);
        assertThat(p).isGreaterThanOrEqualTo(0).isLessThan(1e-40);
    }
}
