package io.zerogc.events.parity;

/** What listeners of an interface an event implements take, as in Spring's eventClassWithInterface. */
interface Audited {

    String subject();
}
