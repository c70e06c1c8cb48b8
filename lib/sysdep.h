/* sysdep.h: everything OS-specific the suite uses, in one place.
 *
 * Each function works on every OS: where a feature is missing (decided by
 * configure), it says so through its return value and a reason, so callers
 * can turn that into a visible skip. */
#ifndef LC_SYSDEP_H
#define LC_SYSDEP_H

#include <stddef.h>
#include <sys/types.h>
#include <sys/socket.h>

/* The system's backlog limit as configured now (Linux net.core.somaxconn,
 * BSD kern.ipc.soacceptqueue / kern.ipc.somaxconn).  Writes where it was read
 * into source.  Returns -1 when it cannot be read. */
long sysdep_somaxconn(char *source, size_t len);

/* Kernel settings, other than somaxconn, that change how many connections a
 * listener queues, so that a record shows them (macOS kern.ipc.soqlimitcompat
 * and kern.ipc.soqlencomp, OpenBSD kern.sominconn).  Fills up to max entries
 * with the sysctl's name and value and returns how many; 0 where the OS has
 * none of them (Linux). */
struct sysdep_setting {
	char name[48];
	long value;
};
int sysdep_queue_settings(struct sysdep_setting *v, int max);

/* A Linux /proc/sys integer such as "net/ipv4/tcp_syncookies"; -1 when the
 * file does not exist (or this is not Linux). */
long sysdep_proc_sys_int(const char *key);

/* The C library's name and version, e.g. "glibc 2.36", "musl". */
const char *sysdep_libc(char *buf, size_t len);

/* Move the calling process into a new, private network namespace with its
 * own loopback up.  Call only in a child process made for that purpose.
 * Returns 0, or -1 with the reason in why (not supported, no privilege). */
int sysdep_netns_enter(char *why, size_t len);

/* Write value to /proc/sys/KEY (KEY below "net/").  Refuses (returns -1)
 * unless sysdep_netns_enter() succeeded in this process: the host's settings
 * are never changed. */
int sysdep_netns_write(const char *key, const char *value, char *why, size_t len);

/* The kernel's own view of a listener's backlog after clamping (Linux:
 * tcpi_sacked from TCP_INFO; FreeBSD: SO_LISTENQLIMIT).  Returns 0 and sets
 * *limit, or -1 with the reason in why. */
int sysdep_listen_limit(int fd, long *limit, char *why, size_t len);

/* The kernel's count of connections waiting in a listener's accept queue
 * and its limit, where the kernel reports both (Linux TCP_INFO:
 * tcpi_unacked, tcpi_sacked).  Used only to confirm that a queue is full
 * without waiting; -1 where unavailable. */
int sysdep_listen_queue(int fd, long *qlen, long *qlimit);

/* The TCP state of a socket as the kernel names it (ESTABLISHED, SYN_SENT,
 * ...), from Linux TCP_INFO's tcpi_state.  Returns 0, or -1 where the OS
 * does not say. */
int sysdep_tcp_state(int fd, char *name, size_t len);

/* Call first thing in a forked child, with the getpid() its parent read
 * before fork(): it is killed when its parent dies (Linux
 * PR_SET_PDEATHSIG), so an interrupted run leaves no process behind, and
 * exits at once if the parent is already gone.  Elsewhere a no-op: there
 * the children see their pipes close and exit. */
void sysdep_die_with_parent(pid_t parent);

/* Lets connect() choose the source port after bind() fixed only the source
 * address (Linux IP_BIND_ADDRESS_NO_PORT); a no-op elsewhere. */
void sysdep_bind_address_only(int fd);

/* Inside a private network namespace (after sysdep_netns_enter()): the
 * k-th extra IPv6 source address on lo (k >= 1), which the namespace has
 * because ::1 alone has too few ephemeral ports for the largest queues.
 * Returns 0, or -1 when there is no such address (on the host, always). */
struct in6_addr;
int sysdep_ipv6_source(int k, struct in6_addr *a);

/* Did sysdep_netns_enter() succeed in this process (or its parent)? */
int sysdep_in_private_netns(void);

/* Non-zero (with the reason) when this private namespace could not be given
 * all its extra IPv6 source addresses. */
int sysdep_ipv6_sources_missing(char *why, size_t len);

/* ---- the other connection-mode protocols (protocols.c) ---- */

/* The vsock loopback address (Linux: VMADDR_CID_LOCAL, VMADDR_PORT_ANY) for
 * a socket of family (AF_VSOCK).  Returns 0, or -1 with the reason (no
 * AF_VSOCK in this build). */
int sysdep_vsock_local(int family, struct sockaddr_storage *ss, socklen_t *len, char *why,
		       size_t wlen);

/* Is the connected socket fd an MPTCP connection (1) or one that fell back
 * to plain TCP (0)?  Linux TCP_IS_MPTCP, else MPTCP_INFO.  Returns 0 and
 * sets *mptcp, or -1 with the reason. */
int sysdep_mptcp_active(int fd, int *mptcp, char *why, size_t len);
/* ---- for the lifecycle cases (lifecycle.c) ---- */

/* Non-zero when AF_UNIX has abstract names (a sun_path starting with a
 * NUL byte: Linux); otherwise 0 with the reason in why. */
int sysdep_abstract_unix(char *why, size_t len);

/* setsockopt(SO_REUSEPORT, 1).  Returns 0, or -1 with the reason in why
 * (the option does not exist here, or the call failed). */
int sysdep_reuseport(int fd, char *why, size_t len);
/* ---- the overflow cases (lib/overflow.c) ---- */

/* The number of packets the kernel dropped for this socket (Linux
 * SO_MEMINFO, SK_MEMINFO_DROPS: for a listener, tcp_listendrop() counts
 * every SYN or final ACK it refused).  0 and *drops, or -1 where the OS
 * has no such count for a socket. */
int sysdep_socket_drops(int fd, long *drops);

/* A counter of the network namespace this process is in, from the
 * "TcpExt:" (or "Tcp:") lines of Linux /proc/net/netstat (/proc/net/snmp),
 * e.g. "TcpExt:ListenOverflows", "Tcp:OutRsts".  0 and *v, or -1. */
int sysdep_net_counter(const char *name, long *v);

/* TCP_DEFER_ACCEPT on a listener (Linux): a connection whose final ACK
 * carries no data stays half-open until data comes.  0, or -1 with why. */
int sysdep_defer_accept(int fd, int seconds, char *why, size_t len);

/* net.ipv4.tcp_abort_on_overflow in the private network namespace only
 * (sysdep_netns_write refuses anywhere else).  0, or -1 with why. */
int sysdep_set_abort_on_overflow(int value, char *why, size_t len);

/* ---- the incomplete-connection queue (the queues area, lib/halfopen.c) ---- */

/* Makes listener fd drop every pure ACK (ACK set; no SYN, FIN or RST; no
 * payload) before TCP sees it, so handshakes with it stay half-open: Linux
 * passes the final ACK of a request socket through the listener's filter
 * (net/ipv4/tcp_ipv4.c tcp_v4_rcv, TCP_NEW_SYN_RECV: tcp_filter(sk) with
 * sk = req->rsk_listener, before tcp_check_req).  Linux SO_ATTACH_FILTER
 * with classic BPF.  There is no equivalent elsewhere: TCP_DEFER_ACCEPT
 * (Linux) and FreeBSD's accept filters (accf_data) hold *completed*
 * connections back from accept(), they do not keep the handshake open.
 * Returns 0, or -1 with the reason in why. */
int sysdep_drop_pure_acks(int fd, char *why, size_t len);

/* How many request sockets (SYN_RECV) of local port `port` (and remote
 * port `rport`, unless 0) this network namespace's /proc/net/tcp (AF_INET)
 * or /proc/net/tcp6 (AF_INET6) lists.  Returns 0, or -1 with the reason
 * in why. */
int sysdep_syn_recv_count(int family, unsigned port, unsigned rport, long *n, char *why,
			  size_t len);

/* A TcpExt counter of this network namespace's /proc/net/netstat
 * (ListenDrops, ListenOverflows, TCPReqQFullDrop, SyncookiesSent, ...).
 * Returns 0, or -1 when it cannot be read. */
int sysdep_tcpext_counter(const char *name, long long *v);

/* The kernel's sock_diag view of the listener fd (Linux NETLINK_SOCK_DIAG):
 * AF_UNIX through unix_diag (UNIX_DIAG_RQLEN: rqueue is the number of
 * connections waiting, wqueue the backlog), inet sockets through inet_diag
 * (a listener's idiag_rqueue and idiag_wqueue, the same two), looked up by
 * the socket's own port for protocol (IPPROTO_TCP, IPPROTO_SCTP; an MPTCP
 * listener is found as its TCP subflow).  The netlink socket is the host's,
 * so this describes the kernel's sockets only.  Returns 0, or -1 with the
 * reason (no HAVE_SOCK_DIAG, no diag module, not found). */
int sysdep_diag_listener(int fd, int family, int protocol, long *qlen, long *qlimit,
			 char *why, size_t len);

#endif
