package io.zerogc.events.dispatch;

import java.util.List;

/**
 * One or more listener methods cannot be compiled. Thrown at startup; the message names every
 * offending bean and method with the reason.
 */
public final class InvalidListenerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;
    private final boolean asyncUnavailable;

    /**
     * Creates the exception for the given problems, one sentence each.
     *
     * @param problems what is wrong, each naming its bean and method
     */
    public InvalidListenerException(List<String> problems) {
        this(problems, false);
    }

    /**
     * Creates the exception for the given problems, one sentence each.
     *
     * @param problems what is wrong, each naming its bean and method
     * @param asyncUnavailable whether a listener among them asks for asynchronous delivery, which is off
     */
    public InvalidListenerException(List<String> problems, boolean asyncUnavailable) {
        super(problems.size() == 1 ? problems.get(0)
                : problems.size() + " invalid listeners:\n - " + String.join("\n - ", problems));
        this.problems = List.copyOf(problems);
        this.asyncUnavailable = asyncUnavailable;
    }

    /**
     * What is wrong, one sentence per listener.
     *
     * @return the problems, in discovery order
     */
    public List<String> problems() {
        return problems;
    }

    /**
     * Whether a listener among the problems asks for {@code Delivery.ASYNC} while asynchronous delivery
     * is off.
     *
     * @return {@code true} if switching asynchronous delivery on would mend that listener
     */
    public boolean asyncUnavailable() {
        return asyncUnavailable;
    }
}
