/* overflow.h: what a client gets from a full queue (the overflow.* cases).
 *
 * Every case listens with backlog 1 and fills the queue with the probe's
 * rules (probe_fill_full), then looks at one more client:
 *
 *   overflow.<kind>.nonblocking  a non-blocking connect(), then poll
 *   overflow.<kind>.blocking     a blocking connect() bounded by SO_SNDTIMEO
 *   overflow.<kind>.retry        one accept() makes room: does the refused
 *                                client get in by itself?
 *   overflow.<kind>.abort-on-overflow-0, -1  (TCP; a private namespace with
 *                                net.ipv4.tcp_abort_on_overflow 0 or 1) a
 *                                client whose final ACK meets a full queue
 *
 * The token grammars are in overflow.c, above each observer. */
#ifndef LC_OVERFLOW_H
#define LC_OVERFLOW_H

#include "catalogue.h"

extern const struct observer observe_overflow;       /* nonblocking / blocking */
extern const struct observer observe_overflow_retry;
extern const struct observer observe_abort_on_overflow;

/* Variants of observe_overflow and observe_abort_on_overflow. */
enum { OVERFLOW_NONBLOCKING, OVERFLOW_BLOCKING };
enum { ABORT_ON_OVERFLOW_0, ABORT_ON_OVERFLOW_1 };

/* A rough cost of an overflow case for ordering parallel work (the units
 * of catalogue_cost: about 10 us each); 0 for any other case. */
long overflow_cost(const struct lc_case *c);

/* How long an overflow case waits rather than works (ms); 0 for any
 * other case. */
long overflow_wait_ms(const struct lc_case *c);

#endif
