package io.zerogc.events.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zerogc.events.Delivery;
import io.zerogc.events.dispatch.EventDispatcherTest.Numbered;
import io.zerogc.events.dispatch.EventDispatcherTest.Ping;
import io.zerogc.events.dispatch.EventDispatcherTest.Pong;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every shape of generated dispatcher is defined, loaded, verified by the JVM and run: propagating and
 * isolating, listeners returning nothing and returning results, at 1, 16, 17 and 2,048 listeners (one
 * call, a full part, a part and one, the most a generated class holds).
 */
class GeneratedShapesTest {

    /** Records its number and replies with it; throws on the event carrying it, as {@link Numbered}. */
    public static final class Replying {

        private final int number;
        private final List<Integer> calls;

        Replying(int number, List<Integer> calls) {
            this.number = number;
            this.calls = calls;
        }

        public Pong on(Ping ping) {
            if (ping.n() == number) {
                throw new IllegalStateException("listener " + number + " fails");
            }
            calls.add(number);
            return new Pong(number);
        }
    }

    @ParameterizedTest(name = "{0} listeners, isolating={1}, results={2}")
    @CsvSource({ "1, false, false", "1, true, false", "1, false, true", "1, true, true",
            "16, false, false", "16, true, false", "16, false, true", "16, true, true",
            "17, false, false", "17, true, false", "17, false, true", "17, true, true",
            "2048, false, false", "2048, true, false", "2048, false, true", "2048, true, true" })
    void eachShapeRunsItsListenersInOrderAndHandlesAFailure(int count, boolean isolating, boolean results) {
        List<Integer> calls = new ArrayList<>();
        List<Object> replies = new ArrayList<>();
        List<String> handled = new ArrayList<>();
        List<ListenerDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Object target = results ? new Replying(i, calls) : new Numbered(i, calls);
            definitions.add(ListenerDefinition.of("l" + i, target, Listeners.method(target.getClass(), "on"), 0,
                    Delivery.SYNC));
        }
        DispatcherSettings settings = DispatcherSettings.defaults().withResultSink(replies::add);
        if (isolating) {
            settings = settings.withErrorHandler((error, event, listener) -> handled.add(error.getMessage()));
        }
        EventDispatcher dispatcher = new EventDispatcher(definitions, settings);

        dispatcher.dispatch(new Ping(-1));

        assertThat(dispatcher.routes().routeOf(Ping.class).sync.getClass().isHidden()).as("generated").isTrue();
        assertThat(calls).hasSize(count).isSorted();
        assertThat(replies).hasSize(results ? count : 0);

        int failing = count - 1; // in the last part
        calls.clear();
        if (isolating) {
            dispatcher.dispatch(new Ping(failing));
            assertThat(handled).containsExactly("listener " + failing + " fails");
            assertThat(calls).hasSize(count - 1);
        }
        else {
            assertThatThrownBy(() -> dispatcher.dispatch(new Ping(failing)))
                    .hasMessage("listener " + failing + " fails");
            assertThat(calls).hasSize(count - 1);
        }
        assertThat(dispatcher.statistics().failures(failing)).isEqualTo(1);
    }
}
