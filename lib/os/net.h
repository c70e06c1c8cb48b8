/* net.h: the one seam between the suite and the network stack under test.
 *
 * Every socket call the library and the programs make on the system under
 * test goes through the net_* calls below: situations, observers, the
 * probe, listen-probe and the benchmark.  (Pipes, files and the private
 * network namespace are the host's business and use the system's calls.)
 *
 * By default these are the system's own calls, as static inline functions,
 * so a plain build compiles to exactly the calls it made before.  A stack
 * that lives in a library (lwIP, picoTCP, a rump kernel, ...) is built with
 * LC_NET_STACK defined (configure --with-net-stack=NAME) and provides one
 * file, lib/os/net-NAME.c, that defines every function declared in the
 * LC_NET_STACK branch, net_start() and net_stack_name() included.  A stack
 * may be reached only from the process that started it: net_start() is
 * called in every process that runs a case, after any fork, never before.
 * What a stack cannot stage it names in net_lacks(); the cases that need
 * it are skips with that reason.  lib/os/net-lwip.c is the worked example
 * (README: "Testing your own network stack").
 *
 * The calls keep POSIX's contract: -1 and errno on failure. */
#ifndef LC_NET_H
#define LC_NET_H

#include <stddef.h>
#include <poll.h>
#include <sys/socket.h>

/* What a stack may lack; net_lacks() names the reason, NULL when present. */
enum net_facility {
	NET_HELPER_PROCESSES, /* another process can connect to this one's listener */
	NET_NAMESPACES,       /* the suite's private network namespace applies to it */
	NET_KERNEL_COUNTS,    /* TCP_INFO, /proc/net, sock_diag describe its sockets */
	NET_AF_UNIX,          /* AF_UNIX sockets of its own */
	NET_IPV6,             /* an IPv6 loopback address */
	NET_HOST_DESCRIPTORS, /* its calls take the kernel's descriptors (pipes, files) */
};

#ifdef LC_NET_STACK

int net_socket(int domain, int type, int protocol);
int net_socketpair(int domain, int type, int protocol, int sv[2]);
int net_bind(int fd, const struct sockaddr *a, socklen_t len);
int net_listen(int fd, int backlog);
int net_connect(int fd, const struct sockaddr *a, socklen_t len);
int net_accept(int fd, struct sockaddr *a, socklen_t *len);
int net_close(int fd);
int net_shutdown(int fd, int how);
int net_getsockopt(int fd, int level, int name, void *v, socklen_t *len);
int net_setsockopt(int fd, int level, int name, const void *v, socklen_t len);
int net_getsockname(int fd, struct sockaddr *a, socklen_t *len);
int net_getpeername(int fd, struct sockaddr *a, socklen_t *len);
int net_poll(struct pollfd *p, nfds_t n, int timeout_ms);
/* fcntl(fd, F_GETFL) and fcntl(fd, F_SETFL, flags) only. */
int net_getfl(int fd);
int net_setfl(int fd, int flags);
ssize_t net_read(int fd, void *buf, size_t len);
ssize_t net_write(int fd, const void *buf, size_t len);
/* Is fd one of the stack's sockets (as opposed to a host descriptor)? */
int net_is_socket(int fd);

#else /* the system's own calls */

#include <fcntl.h>
#include <unistd.h>

static inline int net_socket(int d, int t, int p) { return socket(d, t, p); }
static inline int net_socketpair(int d, int t, int p, int sv[2]) { return socketpair(d, t, p, sv); }
static inline int net_bind(int fd, const struct sockaddr *a, socklen_t l) { return bind(fd, a, l); }
static inline int net_listen(int fd, int b) { return listen(fd, b); }
static inline int net_connect(int fd, const struct sockaddr *a, socklen_t l) { return connect(fd, a, l); }
static inline int net_accept(int fd, struct sockaddr *a, socklen_t *l) { return accept(fd, a, l); }
static inline int net_close(int fd) { return close(fd); }
static inline int net_shutdown(int fd, int how) { return shutdown(fd, how); }
static inline int net_getsockopt(int fd, int lv, int nm, void *v, socklen_t *l)
{
	return getsockopt(fd, lv, nm, v, l);
}
static inline int net_setsockopt(int fd, int lv, int nm, const void *v, socklen_t l)
{
	return setsockopt(fd, lv, nm, v, l);
}
static inline int net_getsockname(int fd, struct sockaddr *a, socklen_t *l) { return getsockname(fd, a, l); }
static inline int net_getpeername(int fd, struct sockaddr *a, socklen_t *l) { return getpeername(fd, a, l); }
static inline int net_poll(struct pollfd *p, nfds_t n, int t) { return poll(p, n, t); }
static inline int net_getfl(int fd) { return fcntl(fd, F_GETFL); }
static inline int net_setfl(int fd, int fl) { return fcntl(fd, F_SETFL, fl); }
static inline ssize_t net_read(int fd, void *b, size_t l) { return read(fd, b, l); }
static inline ssize_t net_write(int fd, const void *b, size_t l) { return write(fd, b, l); }
static inline int net_is_socket(int fd) { (void)fd; return 1; }

#endif

/* Starts the stack in this process (idempotent).  Returns 0, or -1 with
 * the reason in why: every case is then a skip naming it. */
int net_start(char *why, size_t len);
/* The stack's name for records and messages: "system" by default. */
const char *net_stack_name(void);
/* Why the stack lacks facility f, or NULL when it has it. */
const char *net_lacks(enum net_facility f);

#endif
