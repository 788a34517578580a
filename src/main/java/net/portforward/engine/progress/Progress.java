package net.portforward.engine.progress;

import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.Fact;

/**
 * Where a slow engine call reports how far it is, and learns whether the user cancelled it. The
 * desktop window passes its task runner's operation (ui/Operation); the CLI passes
 * {@link #NONE} or a console printer.
 */
public interface Progress {
    /** Reports nothing and is never cancelled. */
    Progress NONE = new Progress() {
        @Override
        public void report(double fraction, Fact step) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    /** Reports nothing; cancelled once {@code when} holds (a watch that was closed, say). */
    static Progress cancelledWhen(java.util.function.BooleanSupplier when) {
        return new Progress() {
            @Override
            public void report(double fraction, Fact step) {
            }

            @Override
            public boolean isCancelled() {
                return when.getAsBoolean();
            }
        };
    }

    /**
     * @param fraction 0..1, or negative when the end is unknown
     * @param step what is happening, for the front end to put into its user's words (a {@link Step}
     *     of the engine's, or another layer's phrase)
     */
    void report(double fraction, Fact step);

    boolean isCancelled();

    /** Throws when the user cancelled, so slow loops stop between router calls. */
    default void checkCancelled() throws CancelledException {
        if (isCancelled() || Thread.currentThread().isInterrupted()) {
            throw new CancelledException();
        }
    }
}
