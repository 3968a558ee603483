/**
 * Runs the jcstress tests and turns their verdict into an exit code.
 */
package io.zerogc.jcstress;
