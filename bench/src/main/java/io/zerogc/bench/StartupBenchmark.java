package io.zerogc.bench;

import io.zerogc.events.dispatch.DispatcherSettings;
import io.zerogc.events.dispatch.EventDispatcher;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What compiling 1,000 listeners adds to startup: validating and compiling them, then building the
 * generated dispatcher of their event class on the first publish. Single shot, in fresh JVMs, so the
 * class spinning is measured cold, as at a context refresh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(5)
public class StartupBenchmark {

    /**
     * Compiles 1,000 listeners (ten classes) and publishes the first event.
     *
     * @return the listeners' total, so nothing is dead code
     */
    @Benchmark
    public long compileThousandListenersAndPublishOnce() {
        ListenerSet listeners = new ListenerSet(1_000);
        EventDispatcher dispatcher = new EventDispatcher(listeners.definitions(), DispatcherSettings.defaults());
        dispatcher.dispatch(new BenchEvent());
        return listeners.total();
    }
}
