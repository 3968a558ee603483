package io.zerogc.events.parity;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the listeners of a parity scenario received, in order; a bean of the scenario's context. */
final class Journal {

    final List<String> entries = new CopyOnWriteArrayList<>();
}
