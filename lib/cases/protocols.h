/* protocols.h: the connection-mode protocols beyond TCP and AF_UNIX (MPTCP,
 * SCTP one-to-one and one-to-many, vsock): whether this system has a kind,
 * and the observers only they need (protocols.c). */
#ifndef LC_PROTOCOLS_H
#define LC_PROTOCOLS_H

#include <stddef.h>

#include "catalogue.h"

/* Does this system have the case's socket kind?  Non-zero when socket()
 * makes one (and, for vsock, the loopback transport takes a bind); else 0
 * with the reason, e.g. "no MPTCP here: socket(AF_INET, SOCK_STREAM,
 * IPPROTO_MPTCP): EPROTONOSUPPORT".  Any other failure is left to the case,
 * which then shows it as socket:ERRNO. */
int kind_usable(const struct lc_case *c, char *why, size_t len);

#endif
