package io.zerogc.events.util;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Slots a thread claims for itself (a stripe, a counter, a stash) and frees once it has ended. One rule,
 * stated once: an owner that has ended will never write again, and {@link Thread#isAlive()} returning
 * {@code false} happens-after everything the thread did (JLS 17.4.4), so a reader that sees it ended may
 * free the slot (by a CAS from that owner, so that one freer wins) and take over what it wrote.
 *
 * <p>Readers free the slots they pass; so that an ended thread (and the class loader it holds as its
 * context loader) is not kept until the next read, holders of such slots also register with
 * {@link #freeEndedOwnersOf}: one daemon thread frees the ended owners of every registered holder about
 * once a second. It holds them weakly, so a holder (and the engine and context behind it) stays garbage
 * once its owner is.
 */
public final class Ownership {

    private static final long SWEEP_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Guarded by itself. */
    private static final List<WeakReference<Holder>> HOLDERS = new ArrayList<>();
    /** Guarded by {@link #HOLDERS}. */
    private static Thread sweeper;

    private Ownership() {
    }

    /** Something that keeps slots owned by threads. */
    @FunctionalInterface
    public interface Holder {

        /** Frees the slots of owners that have ended; called from any thread, at any time. */
        void freeEndedOwners();
    }

    /**
     * Whether a slot's owner has ended, so that its slot may be freed.
     *
     * @param owner the owner read from the slot, or {@code null} for a free slot
     * @return {@code true} if there is an owner and it has terminated
     */
    public static boolean ended(Thread owner) {
        return owner != null && !owner.isAlive();
    }

    /**
     * Has the ended owners of a holder freed about once a second, for as long as the holder is reachable.
     *
     * @param holder the holder, held weakly
     */
    public static void freeEndedOwnersOf(Holder holder) {
        synchronized (HOLDERS) {
            HOLDERS.add(new WeakReference<>(holder));
            if (sweeper == null) {
                Thread thread = new Thread(Ownership::sweepForever, "zerogc-events-ended-owners");
                thread.setDaemon(true);
                thread.setContextClassLoader(null); // it must keep no application's class loader alive
                thread.start();
                sweeper = thread;
            }
        }
    }

    private static void sweepForever() {
        while (true) {
            long next = System.nanoTime() + SWEEP_EVERY_NANOS;
            for (Holder holder : liveHolders()) {
                try {
                    holder.freeEndedOwners();
                }
                catch (RuntimeException ex) {
                    // a holder's failure must not end the sweeps of the others
                }
            }
            for (long wait = next - System.nanoTime(); wait > 0; wait = next - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    /** The holders still reachable; forgets the others. */
    private static List<Holder> liveHolders() {
        synchronized (HOLDERS) {
            List<Holder> live = new ArrayList<>(HOLDERS.size());
            HOLDERS.removeIf(reference -> {
                Holder holder = reference.get();
                if (holder != null) {
                    live.add(holder);
                }
                return holder == null;
            });
            return live;
        }
    }
}
