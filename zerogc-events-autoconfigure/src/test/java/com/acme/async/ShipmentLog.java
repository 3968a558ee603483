package com.acme.async;

import io.zerogc.events.BatchStart;
import io.zerogc.events.Delivery;
import io.zerogc.events.ZeroGcListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

public class ShipmentLog implements BatchStart {

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
    private final FileChannel file;
    private long writes;

    public ShipmentLog(FileChannel file) {
        this.file = file;
    }

    @ZeroGcListener(delivery = Delivery.ASYNC)
    public void append(OrderShipped shipped, boolean endOfBatch) throws IOException {
        buffer.putLong(shipped.orderId()).putInt(shipped.parcels());
        if (endOfBatch || buffer.remaining() < 12) {            // one write per batch, not per event
            buffer.flip();
            while (buffer.hasRemaining()) {
                file.write(buffer);
            }
            buffer.clear();
            writes++;
        }
    }

    @Override
    public void onBatchStart(int events, long queueDepth) {
        // optional: size a buffer, or decide to linger when queueDepth says more is coming
    }

    public long writes() {
        return writes;
    }
}
