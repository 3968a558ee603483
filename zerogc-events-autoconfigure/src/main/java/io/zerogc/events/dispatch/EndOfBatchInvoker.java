package io.zerogc.events.dispatch;

import io.zerogc.events.ring.BatchPosition;

/**
 * The invoker of a listener that takes {@code boolean endOfBatch}: asks its consumer's position whether
 * the event is the listener's last of the batch (always, on another thread: a caller-run delivery), then
 * calls it. Final fields, so the generated dispatcher's constant receiver inlines it and the call.
 */
final class EndOfBatchInvoker implements ListenerInvoker {

    private final BatchListenerInvoker listener;
    private final BatchPosition position;
    private final int k;

    EndOfBatchInvoker(BatchListenerInvoker listener, BatchPosition position, int k) {
        this.listener = listener;
        this.position = position;
        this.k = k;
    }

    @Override
    public void onEvent(Object event) {
        listener.onEvent(event, position.isLast(k));
    }
}
