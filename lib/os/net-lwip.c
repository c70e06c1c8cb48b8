/* net-lwip.c: the seam of net.h on lwIP's socket API (lwip_socket, ...),
 * for configure --with-net-stack=lwip.  Written against lwIP 2.1.3 as
 * Debian's liblwip-dev 2.1.3+dfsg1-2 builds it (its lwipopts.h: NO_SYS 0,
 * LWIP_TCPIP_CORE_LOCKING 1, LWIP_NETIF_LOOPBACK 1, LWIP_HAVE_LOOPIF 0,
 * LWIP_IPV6 1, LWIP_POLL 1, LWIP_SOCKET_OFFSET 1, system socket headers).
 *
 * Socket numbers.  lwIP numbers its sockets from LWIP_SOCKET_OFFSET (1)
 * up, the same numbers the host's descriptors have, so a number alone
 * cannot say whose it is.  Every lwIP socket is therefore handed out as a
 * host descriptor of its own (a descriptor of /dev/null, held for as long
 * as the socket lives), and a table maps that descriptor to lwIP's number:
 * numbers never collide, RLIMIT_NOFILE still bounds how many a process
 * holds, and the suite's count of open descriptors still finds a leak.  A
 * call on a descriptor that is no lwIP socket goes to the host where the
 * host has the call (close, poll, read, write, fcntl); the socket calls
 * give it to lwIP as the number -1, so that lwIP itself answers for a
 * number that is none of its sockets.
 *
 * lwIP runs a thread (tcpip_thread) that does not survive fork(): it is
 * started by net_start() in the process that runs the cases, and a child
 * forked after that cannot use it (net_start() says so there). */
#define _POSIX_C_SOURCE 200809L
#include "net.h"

/* Built only with configure --with-net-stack=lwip (Makefile.am NET_LWIP). */
#ifdef LC_NET_STACK
#include "lwip/opt.h"
#include "lwip/tcpip.h"
#include "lwip/netif.h"
#include "lwip/ip_addr.h"
#include "lwip/sockets.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- host descriptor -> lwIP socket ---- */
static int *sock_of; /* lwIP number + 1, 0 when the descriptor is none */
static int sock_cap;

static int lwip_of(int fd)
{
	if (fd < 0 || fd >= sock_cap || sock_of[fd] == 0)
		return -1;
	return sock_of[fd] - 1;
}

int net_is_socket(int fd)
{
	return lwip_of(fd) >= 0;
}

/* Wraps a new lwIP socket s in a host descriptor; -1 (s closed) on failure. */
static int adopt(int s)
{
	int fd;
	if (s < 0)
		return -1;
	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && fd >= sock_cap) {
		int cap = sock_cap ? sock_cap : 256, *v;
		while (cap <= fd)
			cap *= 2;
		v = realloc(sock_of, (size_t)cap * sizeof *v);
		if (v == NULL) {
			close(fd);
			fd = -1;
			errno = ENOMEM;
		} else {
			memset(v + sock_cap, 0, (size_t)(cap - sock_cap) * sizeof *v);
			sock_of = v;
			sock_cap = cap;
		}
	}
	if (fd < 0) {
		int e = errno;
		lwip_close(s);
		errno = e;
		return -1;
	}
	sock_of[fd] = s + 1;
	return fd;
}

int net_socket(int domain, int type, int protocol)
{
	if (domain != AF_INET && domain != AF_INET6) {
		/* lwip_socket() never looks at the domain beyond AF_INET or
		 * not (sockets.c lwip_socket, DOMAIN_TO_NETCONN_TYPE): measured
		 * here, socket(AF_UNIX, SOCK_STREAM) gives a TCP/IPv6 socket.
		 * A socket of another family is no AF_UNIX socket. */
		errno = EAFNOSUPPORT;
		return -1;
	}
	/* Nor does it look at the protocol of a stream or datagram socket
	 * beyond UDP-Lite (lwip_socket): socket(AF_INET, SOCK_STREAM,
	 * IPPROTO_SCTP) would be TCP.  A socket of another protocol is no
	 * socket of the one asked for. */
	if (((type == SOCK_STREAM && protocol != IPPROTO_TCP) ||
	     (type == SOCK_DGRAM && protocol != IPPROTO_UDP && protocol != IPPROTO_UDPLITE)) &&
	    protocol != 0) {
		errno = EPROTONOSUPPORT;
		return -1;
	}
	return adopt(lwip_socket(domain, type, protocol));
}

int net_socketpair(int domain, int type, int protocol, int sv[2])
{
	(void)domain;
	(void)type;
	(void)protocol;
	(void)sv;
	errno = EAFNOSUPPORT; /* lwIP has no socketpair() and no AF_UNIX */
	return -1;
}

int net_bind(int fd, const struct sockaddr *a, socklen_t len)
{
	return lwip_bind(lwip_of(fd), a, len);
}

int net_listen(int fd, int backlog)
{
	return lwip_listen(lwip_of(fd), backlog);
}

int net_connect(int fd, const struct sockaddr *a, socklen_t len)
{
	return lwip_connect(lwip_of(fd), a, len);
}

int net_accept(int fd, struct sockaddr *a, socklen_t *len)
{
	return adopt(lwip_accept(lwip_of(fd), a, len));
}

int net_close(int fd)
{
	int s = lwip_of(fd), r, e;
	if (s < 0)
		return close(fd);
	r = lwip_close(s);
	e = errno;
	sock_of[fd] = 0;
	close(fd);
	errno = e;
	return r;
}

int net_shutdown(int fd, int how)
{
	return lwip_shutdown(lwip_of(fd), how);
}

int net_getsockopt(int fd, int level, int name, void *v, socklen_t *len)
{
	return lwip_getsockopt(lwip_of(fd), level, name, v, len);
}

int net_setsockopt(int fd, int level, int name, const void *v, socklen_t len)
{
	return lwip_setsockopt(lwip_of(fd), level, name, v, len);
}

int net_getsockname(int fd, struct sockaddr *a, socklen_t *len)
{
	return lwip_getsockname(lwip_of(fd), a, len);
}

int net_getpeername(int fd, struct sockaddr *a, socklen_t *len)
{
	return lwip_getpeername(lwip_of(fd), a, len);
}

/* All lwIP sockets: lwip_poll; all host descriptors: poll; a mix cannot
 * be waited for in one call (EINVAL). */
int net_poll(struct pollfd *p, nfds_t n, int timeout_ms)
{
	struct pollfd small[64], *q = small;
	nfds_t i, mine = 0, host = 0;
	int r;

	for (i = 0; i < n; i++) {
		if (p[i].fd < 0)
			continue;
		if (lwip_of(p[i].fd) >= 0)
			mine++;
		else
			host++;
	}
	if (mine == 0)
		return poll(p, n, timeout_ms);
	if (host != 0) {
		errno = EINVAL;
		return -1;
	}
	if (n > sizeof small / sizeof small[0]) {
		q = malloc(n * sizeof *q);
		if (q == NULL) {
			errno = ENOMEM;
			return -1;
		}
	}
	for (i = 0; i < n; i++) {
		q[i] = p[i];
		q[i].fd = p[i].fd < 0 ? -1 : lwip_of(p[i].fd);
	}
	r = lwip_poll(q, n, timeout_ms);
	for (i = 0; i < n; i++)
		p[i].revents = q[i].revents;
	if (q != small)
		free(q);
	return r;
}

int net_getfl(int fd)
{
	int s = lwip_of(fd);
	return s < 0 ? fcntl(fd, F_GETFL) : lwip_fcntl(s, F_GETFL, 0);
}

int net_setfl(int fd, int flags)
{
	int s = lwip_of(fd);
	return s < 0 ? fcntl(fd, F_SETFL, flags) : lwip_fcntl(s, F_SETFL, flags);
}

ssize_t net_read(int fd, void *buf, size_t len)
{
	int s = lwip_of(fd);
	return s < 0 ? read(fd, buf, len) : lwip_read(s, buf, len);
}

ssize_t net_write(int fd, const void *buf, size_t len)
{
	int s = lwip_of(fd);
	return s < 0 ? write(fd, buf, len) : lwip_write(s, buf, len);
}

/* ---- start-up: tcpip_init and a loopback interface ---- */

/* Debian's build has no loopif of lwIP's own (LWIP_HAVE_LOOPIF 0) but
 * loops back through any interface (LWIP_NETIF_LOOPBACK 1): ip4_output_if
 * and ip6_output_if hand a packet for the interface's own or a loopback
 * address to netif_loop_output.  This interface carries 127.0.0.1/8 and
 * ::1 and sends nothing anywhere else. */
static struct netif loopback;

static err_t lo_output4(struct netif *n, struct pbuf *p, const ip4_addr_t *dst)
{
	(void)dst;
	return netif_loop_output(n, p);
}

static err_t lo_output6(struct netif *n, struct pbuf *p, const ip6_addr_t *dst)
{
	(void)dst;
	return netif_loop_output(n, p);
}

static err_t lo_init(struct netif *n)
{
	n->name[0] = 'l';
	n->name[1] = 'o';
	n->output = lo_output4;
	n->output_ip6 = lo_output6;
	n->mtu = 1500;
	n->flags = 0;
	return ERR_OK;
}

static pid_t started_in;

int net_start(char *why, size_t len)
{
	ip4_addr_t addr, mask, gw;
	ip6_addr_t six;

	if (started_in == getpid())
		return 0;
	if (started_in != 0) {
		if (why != NULL)
			snprintf(why, len, "lwIP was started in process %ld, and its tcpip "
				 "thread does not survive fork()", (long)started_in);
		errno = ENOSYS;
		return -1;
	}
	tcpip_init(NULL, NULL);
	IP4_ADDR(&addr, 127, 0, 0, 1);
	IP4_ADDR(&mask, 255, 0, 0, 0);
	IP4_ADDR(&gw, 0, 0, 0, 0);
	LOCK_TCPIP_CORE();
	if (netif_add(&loopback, &addr, &mask, &gw, NULL, lo_init, tcpip_input) == NULL) {
		UNLOCK_TCPIP_CORE();
		if (why != NULL)
			snprintf(why, len, "lwIP's netif_add refused the loopback interface");
		return -1;
	}
	ip6_addr_set_loopback(&six);
	netif_ip6_addr_set(&loopback, 0, &six);
	netif_ip6_addr_set_state(&loopback, 0, IP6_ADDR_PREFERRED);
	netif_set_default(&loopback);
	netif_set_link_up(&loopback);
	netif_set_up(&loopback);
	UNLOCK_TCPIP_CORE();
	started_in = getpid();
	return 0;
}

const char *net_stack_name(void)
{
	return "lwip";
}

const char *net_lacks(enum net_facility f)
{
	switch (f) {
	case NET_HELPER_PROCESSES:
		return "lwIP runs inside this process: another process cannot reach its sockets";
	case NET_NAMESPACES:
		return "lwIP is a library in this process: the kernel's network namespaces "
		       "do not apply to it";
	case NET_KERNEL_COUNTS:
		return "lwIP has no TCP_INFO, /proc/net or sock_diag for its sockets";
	case NET_AF_UNIX:
		return "lwIP has no AF_UNIX (lwip_socket reads any domain but AF_INET as "
		       "AF_INET6: socket(AF_UNIX, SOCK_STREAM) gives a TCP/IPv6 socket)";
	case NET_HOST_DESCRIPTORS:
		return "lwIP's calls know only lwIP's sockets, not the kernel's descriptors "
		       "(pipes, files, directories, devices)";
	case NET_IPV6:
		return NULL;
	}
	return NULL;
}
#else
typedef int net_lwip_unused;
#endif
