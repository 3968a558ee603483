package io.zerogc.events.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zerogc.events.Delivery;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sampling times one event in N and sends the others down the untimed path; failures count the same on
 * either path.
 */
class LatencySamplingTest {

    record Order(int n) {
    }

    public static final class Checker {

        int calls;

        public void on(Order order) {
            calls++;
            if (order.n() % 10 == 0) {
                throw new IllegalArgumentException("order " + order.n());
            }
        }
    }

    @Test
    void oneEventInNIsTimedAndEveryCallIsCounted() {
        Checker checker = new Checker();
        EventDispatcher dispatcher = new EventDispatcher(List.of(ListenerDefinition.of("checker", checker,
                Listeners.method(Checker.class, "on"), 0, Delivery.SYNC)),
                DispatcherSettings.defaults().withLatencySampling(4));

        int failures = 0;
        for (int n = 1; n <= 100; n++) {
            try {
                dispatcher.dispatch(new Order(n));
            }
            catch (IllegalArgumentException ex) {
                failures++;
            }
        }

        assertThat(checker.calls).isEqualTo(100);
        assertThat(dispatcher.statistics().listenerLatency(0).count()).isEqualTo(25);
        assertThat(failures).isEqualTo(10);
        assertThat(dispatcher.statistics().failures(0)).isEqualTo(10); // timed and untimed failures together
        assertThat(dispatcher.statistics().eventType(Order.class.getName()).aborted()).isEqualTo(10);
    }

    @Test
    void samplingTakesAPowerOfTwo() {
        assertThatThrownBy(() -> DispatcherSettings.defaults().withLatencySampling(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("latency sampling takes one event in a power of two, not 3");
    }
}
