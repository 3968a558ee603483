/**
 * The README's first example: orders, a risk check that rejects large ones, and a trade book.
 */
package com.acme.orders;
