/* sysdep.c: the OS-specific parts (see sysdep.h).  Every #if on a feature
 * that configure detects lives in this file, and it is the only file that
 * asks for more than POSIX.1-2008 (_GNU_SOURCE on Linux, except in the
 * portable build, which must compile without it). */
#include "config.h"
#if defined(__linux__) && !defined(LC_PORTABLE_BUILD)
#define _GNU_SOURCE
#else
#define _POSIX_C_SOURCE 200809L
#endif
#include "net.h"
#include "sysdep.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#ifdef HAVE_GNU_LIBC_VERSION_H
#include <gnu/libc-version.h>
#endif
#ifdef HAVE_SYS_SYSCTL_H
#include <sys/sysctl.h>
#endif
#ifdef HAVE_SYS_PRCTL_H
#include <signal.h>
#include <sys/prctl.h>
#endif
#ifdef HAVE_VSOCK_LOCAL
#include <linux/vm_sockets.h>
#endif
#ifdef HAVE_MPTCP_SOCKOPT
#include <linux/mptcp.h>
#endif
#ifdef HAVE_SOCK_DIAG
#include <sys/uio.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <linux/inet_diag.h>
#endif
#ifdef HAVE_NETNS
#include <sched.h>
#include <net/if.h>
#include <sys/ioctl.h>
#endif

static int read_long_file(const char *path, long *out)
{
	FILE *f = fopen(path, "r");
	int ok;
	if (f == NULL)
		return -1;
	ok = fscanf(f, "%ld", out) == 1;
	fclose(f);
	return ok ? 0 : -1;
}

long sysdep_proc_sys_int(const char *key)
{
	char path[256];
	long v;
	snprintf(path, sizeof path, "/proc/sys/%s", key);
	return read_long_file(path, &v) == 0 ? v : -1;
}

long sysdep_somaxconn(char *source, size_t len)
{
	long v = sysdep_proc_sys_int("net/core/somaxconn");
	if (v >= 0) {
		snprintf(source, len, "/proc/sys/net/core/somaxconn");
		return v;
	}
#ifdef HAVE_SYSCTLBYNAME
	{
		static const char *const names[] = {
			"kern.ipc.soacceptqueue", "kern.ipc.somaxconn", "kern.somaxconn",
		};
		size_t i;
		for (i = 0; i < sizeof names / sizeof names[0]; i++) {
			int iv = 0;
			size_t sz = sizeof iv;
			if (sysctlbyname(names[i], &iv, &sz, NULL, 0) == 0 &&
			    sz == sizeof iv) {
				snprintf(source, len, "sysctl %s", names[i]);
				return iv;
			}
		}
	}
#endif
#if defined(HAVE_SYS_SYSCTL_H) && defined(CTL_KERN) && defined(KERN_SOMAXCONN)
	{
		/* OpenBSD: no sysctlbyname(), kern.somaxconn by number. */
		int mib[2] = {CTL_KERN, KERN_SOMAXCONN};
		int iv = 0;
		size_t sz = sizeof iv;
		if (sysctl(mib, 2, &iv, &sz, NULL, 0) == 0 && sz == sizeof iv) {
			snprintf(source, len, "sysctl kern.somaxconn");
			return iv;
		}
	}
#endif
	snprintf(source, len, "unknown");
	return -1;
}

int sysdep_queue_settings(struct sysdep_setting *v, int max)
{
	int n = 0;
#ifdef HAVE_SYSCTLBYNAME
	{
		/* XNU bsd/kern/uipc_socket2.c: sonewconn_internal's limit is
		 * so_qlimit or 3*so_qlimit/2 (soqlimitcompat), counted over
		 * all or only completed connections (soqlencomp). */
		static const char *const names[] = {
			"kern.ipc.soqlimitcompat", "kern.ipc.soqlencomp",
		};
		size_t i;
		for (i = 0; i < sizeof names / sizeof names[0] && n < max; i++) {
			int iv = 0;
			size_t sz = sizeof iv;
			if (sysctlbyname(names[i], &iv, &sz, NULL, 0) == 0 && sz == sizeof iv) {
				snprintf(v[n].name, sizeof v[n].name, "%s", names[i]);
				v[n++].value = iv;
			}
		}
	}
#endif
#if defined(HAVE_SYS_SYSCTL_H) && defined(CTL_KERN) && defined(KERN_SOMINCONN)
	if (n < max) {
		/* OpenBSD sys/kern/uipc_socket.c solisten: the floor of every
		 * backlog. */
		int mib[2] = {CTL_KERN, KERN_SOMINCONN};
		int iv = 0;
		size_t sz = sizeof iv;
		if (sysctl(mib, 2, &iv, &sz, NULL, 0) == 0 && sz == sizeof iv) {
			snprintf(v[n].name, sizeof v[n].name, "kern.sominconn");
			v[n++].value = iv;
		}
	}
#endif
	(void)v;
	(void)max;
	return n;
}

const char *sysdep_libc(char *buf, size_t len)
{
#if defined(HAVE_GNU_LIBC_VERSION_H) && defined(__GLIBC__)
	snprintf(buf, len, "glibc %s", gnu_get_libc_version());
#elif defined(LIBC_NAME_HINT)
	snprintf(buf, len, "%s", LIBC_NAME_HINT);
#elif defined(__FreeBSD__)
	snprintf(buf, len, "FreeBSD libc");
#elif defined(__APPLE__)
	snprintf(buf, len, "libSystem");
#elif defined(__OpenBSD__) || defined(__NetBSD__)
	snprintf(buf, len, "BSD libc");
#else
	snprintf(buf, len, "unknown");
#endif
	return buf;
}

/* A per-namespace sysctl, to tell whether /proc/sys/net follows the
 * namespace. */
#define NETNS_SYSCTL_PROBE "/proc/sys/net/core/somaxconn"

#ifdef HAVE_NETNS
/* Set once this process has really moved into a private namespace. */
static int in_private_netns;
/* Set when /proc/sys/net did not change with the namespace: writing it
 * would change another namespace's settings. */
static int netns_sysctl_shared;

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;
	int saved;
	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	saved = errno;
	close(fd);
	errno = saved;
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* Without CAP_SYS_ADMIN, a user namespace may still grant a private network
 * namespace (where the distribution allows unprivileged user namespaces). */
static int enter_via_user_namespace(void)
{
	char map[64];
	uid_t uid = getuid();
	gid_t gid = getgid();
	if (unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0)
		return -1;
	if (write_file("/proc/self/setgroups", "deny") != 0 && errno != ENOENT)
		return -1;
	snprintf(map, sizeof map, "0 %lu 1", (unsigned long)uid);
	if (write_file("/proc/self/uid_map", map) != 0)
		return -1;
	snprintf(map, sizeof map, "0 %lu 1", (unsigned long)gid);
	return write_file("/proc/self/gid_map", map);
}

static int loopback_up(void)
{
	struct ifreq ifr;
	int rc = -1;
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return -1;
	memset(&ifr, 0, sizeof ifr);
	snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "lo");
	if (ioctl(s, SIOCGIFFLAGS, &ifr) == 0) {
		/* Already up (gVisor starts a new namespace's lo up and has
		 * no SIOCSIFFLAGS: ENOTTY): nothing to do. */
		if (ifr.ifr_flags & IFF_UP)
			rc = 0;
		else {
			ifr.ifr_flags |= IFF_UP;
			rc = ioctl(s, SIOCSIFFLAGS, &ifr);
		}
	}
	close(s);
	return rc;
}
#endif

#ifdef HAVE_NETNS
/* Extra IPv6 addresses on lo, added only inside a private namespace:
 * fd00:6c63::1, ::2, ... (a unique-local prefix; nothing outside the
 * namespace can reach them). */
#define IPV6_EXTRA 16
static int ipv6_extra_added;
static int ipv6_extra_errno; /* why the next one could not be added */

static void ipv6_extra_addr(int k, struct in6_addr *a)
{
	memset(a, 0, sizeof *a);
	a->s6_addr[0] = 0xfd;
	a->s6_addr[2] = 0x6c;
	a->s6_addr[3] = 0x63;
	a->s6_addr[14] = (unsigned char)(k >> 8);
	a->s6_addr[15] = (unsigned char)k;
}

/* Adds the extra addresses (Linux SIOCSIFADDR on an AF_INET6 socket takes
 * struct in6_ifreq, whose layout is restated here: <linux/ipv6.h> clashes
 * with <netinet/in.h>).  No duplicate address detection runs on lo, so
 * they are usable at once.  Without IPv6 nothing is added. */
static void ipv6_extra_up(void)
{
	struct {
		struct in6_addr addr;
		unsigned int prefixlen;
		int ifindex;
	} req;
	int k, s = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	unsigned idx = if_nametoindex("lo");
	if (s < 0 || idx == 0) {
		ipv6_extra_errno = s < 0 ? errno : ENODEV;
		if (s >= 0)
			close(s);
		return;
	}
	for (k = 1; k <= IPV6_EXTRA; k++) {
		memset(&req, 0, sizeof req);
		ipv6_extra_addr(k, &req.addr);
		req.prefixlen = 128;
		req.ifindex = (int)idx;
		if (ioctl(s, SIOCSIFADDR, &req) != 0) {
			ipv6_extra_errno = errno;
			break;
		}
		ipv6_extra_added = k;
	}
	close(s);
}
#endif

int sysdep_netns_enter(char *why, size_t len)
{
#ifdef HAVE_NETNS
	struct stat before, after, sysctl_before, sysctl_after;
	int have_sysctl = stat(NETNS_SYSCTL_PROBE, &sysctl_before) == 0;
	if (stat("/proc/self/ns/net", &before) != 0) {
		snprintf(why, len, "cannot read /proc/self/ns/net: %s", strerror(errno));
		return -1;
	}
	if (unshare(CLONE_NEWNET) != 0) {
		int e = errno;
		const char *no_userns = getenv("LISTEN_NO_USER_NAMESPACES");
		int may_userns = no_userns == NULL || no_userns[0] == '\0' ||
				 strcmp(no_userns, "0") == 0;
		if (e != EPERM || !may_userns || enter_via_user_namespace() != 0) {
			snprintf(why, len,
				 "no private network namespace: unshare(CLONE_NEWNET): %s "
				 "(needs CAP_SYS_ADMIN%s)", strerror(e),
				 may_userns ? " or unprivileged user namespaces"
					    : "; LISTEN_NO_USER_NAMESPACES forbids user namespaces");
			return -1;
		}
	}
	if (stat("/proc/self/ns/net", &after) != 0 ||
	    (after.st_ino == before.st_ino && after.st_dev == before.st_dev)) {
		snprintf(why, len, "unshare() returned but the network namespace did not change");
		return -1;
	}
	in_private_netns = 1;
	/* Linux gives each namespace its own /proc/sys/net files (a new inode
	 * once the namespace changed); gVisor's always show the sandbox's root
	 * namespace (fsimpl/proc/tasks_sys.go, newSysNetDir). */
	netns_sysctl_shared = have_sysctl && stat(NETNS_SYSCTL_PROBE, &sysctl_after) == 0 &&
			      sysctl_after.st_ino == sysctl_before.st_ino &&
			      sysctl_after.st_dev == sysctl_before.st_dev;
	if (loopback_up() != 0) {
		snprintf(why, len, "cannot bring up lo in the private namespace: %s",
			 strerror(errno));
		return -1;
	}
	ipv6_extra_up();
	return 0;
#else
	snprintf(why, len, "no private network namespace: this build has no network namespaces (Linux only)");
	return -1;
#endif
}

int sysdep_netns_write(const char *key, const char *value, char *why, size_t len)
{
#ifdef HAVE_NETNS
	char path[256];
	if (!in_private_netns) {
		snprintf(why, len, "refusing to write %s outside a private network namespace", key);
		return -1;
	}
	if (netns_sysctl_shared) {
		snprintf(why, len, "refusing to write %s: /proc/sys/net is not the private "
			 "namespace's own here (it did not change with the namespace)", key);
		return -1;
	}
	if (strncmp(key, "net/", 4) != 0 || strstr(key, "..") != NULL) {
		snprintf(why, len, "refusing to write %s: not a network sysctl", key);
		return -1;
	}
	snprintf(path, sizeof path, "/proc/sys/%s", key);
	if (write_file(path, value) != 0) {
		snprintf(why, len, "cannot set %s to %s in the private namespace: %s",
			 key, value, strerror(errno));
		return -1;
	}
	return 0;
#else
	(void)key;
	(void)value;
	snprintf(why, len, "no private network namespace: this build has no network namespaces (Linux only)");
	return -1;
#endif
}

int sysdep_listen_limit(int fd, long *limit, char *why, size_t len)
{
	if (net_lacks(NET_KERNEL_COUNTS) != NULL) {
		snprintf(why, len, "%s", net_lacks(NET_KERNEL_COUNTS));
		return -1;
	}
#if defined(HAVE_TCP_INFO_SACKED)
	struct tcp_info ti;
	socklen_t sl = sizeof ti;
	memset(&ti, 0, sizeof ti);
	if (net_getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &sl) != 0) {
		snprintf(why, len, "getsockopt(TCP_INFO): %s", strerror(errno));
		return -1;
	}
	*limit = (long)ti.tcpi_sacked;
	return 0;
#elif defined(HAVE_SO_LISTENQLIMIT)
	int v = 0;
	socklen_t sl = sizeof v;
	if (net_getsockopt(fd, SOL_SOCKET, SO_LISTENQLIMIT, &v, &sl) != 0) {
		snprintf(why, len, "getsockopt(SO_LISTENQLIMIT): %s", strerror(errno));
		return -1;
	}
	*limit = v;
	return 0;
#else
	(void)fd;
	(void)limit;
	snprintf(why, len, "this OS offers no way to read a listener's backlog");
	return -1;
#endif
}

int sysdep_listen_queue(int fd, long *qlen, long *qlimit)
{
#if defined(HAVE_TCP_INFO_SACKED)
	struct tcp_info ti;
	socklen_t sl = sizeof ti;
	memset(&ti, 0, sizeof ti);
	if (net_getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &sl) != 0)
		return -1;
	*qlen = (long)ti.tcpi_unacked;
	*qlimit = (long)ti.tcpi_sacked;
	return 0;
#else
	(void)fd;
	(void)qlen;
	(void)qlimit;
	return -1;
#endif
}

int sysdep_tcp_state(int fd, char *name, size_t len)
{
#if defined(HAVE_TCP_INFO_SACKED)
	/* The numbering of include/net/tcp_states.h. */
	static const char *const names[] = {
		"?", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT",
		"CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV",
	};
	struct tcp_info ti;
	socklen_t sl = sizeof ti;
	memset(&ti, 0, sizeof ti);
	if (net_getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &sl) != 0)
		return -1;
	snprintf(name, len, "%s",
		 ti.tcpi_state < sizeof names / sizeof names[0] ? names[ti.tcpi_state] : "?");
	return 0;
#else
	(void)fd;
	(void)name;
	(void)len;
	return -1;
#endif
}

void sysdep_die_with_parent(pid_t parent)
{
#if defined(HAVE_SYS_PRCTL_H) && defined(PR_SET_PDEATHSIG)
	(void)prctl(PR_SET_PDEATHSIG, SIGKILL);
	/* The parent may have died before prctl(): then we were adopted.
	 * (Not "getppid() == 1": the parent may be pid 1 itself, as in a
	 * container or under gVisor's runsc do.) */
	if (getppid() != parent)
		_exit(1);
#else
	(void)parent;
#endif
}

void sysdep_bind_address_only(int fd)
{
#ifdef HAVE_IP_BIND_ADDRESS_NO_PORT
	int one = 1;
	(void)net_setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
#else
	(void)fd;
#endif
}

int sysdep_ipv6_source(int k, struct in6_addr *a)
{
#ifdef HAVE_NETNS
	if (!in_private_netns || k < 1 || k > ipv6_extra_added)
		return -1;
	ipv6_extra_addr(k, a);
	return 0;
#else
	(void)k;
	(void)a;
	return -1;
#endif
}

int sysdep_in_private_netns(void)
{
#ifdef HAVE_NETNS
	return in_private_netns;
#else
	return 0;
#endif
}

int sysdep_ipv6_sources_missing(char *why, size_t len)
{
#ifdef HAVE_NETNS
	if (in_private_netns && ipv6_extra_added < IPV6_EXTRA) {
		snprintf(why, len, "only %d of %d extra IPv6 source addresses could be put on lo "
			 "in the private namespace: %s", ipv6_extra_added, IPV6_EXTRA,
			 strerror(ipv6_extra_errno));
		return 1;
	}
#else
	(void)why;
	(void)len;
#endif
	return 0;
}

/* ---- the other connection-mode protocols ---- */

int sysdep_vsock_local(int family, struct sockaddr_storage *ss, socklen_t *len, char *why,
		       size_t wlen)
{
#ifdef HAVE_VSOCK_LOCAL
	struct sockaddr_vm *vm = (struct sockaddr_vm *)ss;
	if (family == AF_VSOCK) {
		memset(ss, 0, sizeof *ss);
		vm->svm_family = AF_VSOCK;
		vm->svm_cid = VMADDR_CID_LOCAL;
		vm->svm_port = VMADDR_PORT_ANY;
		*len = sizeof *vm;
		return 0;
	}
#else
	(void)ss;
	(void)len;
#endif
	snprintf(why, wlen, "no loopback address for address family %d in this build%s", family,
#ifdef HAVE_VSOCK_LOCAL
		 ""
#else
		 " (no AF_VSOCK with VMADDR_CID_LOCAL)"
#endif
	);
	return -1;
}

/* include/uapi/linux/tcp.h (Linux 5.16 and later); older headers lack it. */
#if defined(HAVE_MPTCP_SOCKOPT) && !defined(TCP_IS_MPTCP)
#define TCP_IS_MPTCP 43
#endif

int sysdep_mptcp_active(int fd, int *mptcp, char *why, size_t len)
{
#ifdef HAVE_MPTCP_SOCKOPT
	struct mptcp_info mi;
	socklen_t sl = sizeof *mptcp;
	int v = 0, e;
	/* net/mptcp/sockopt.c: TCP_IS_MPTCP is 1 on an MPTCP socket; after a
	 * fallback every option goes to the plain TCP subflow, which says 0. */
	if (net_getsockopt(fd, IPPROTO_TCP, TCP_IS_MPTCP, &v, &sl) == 0) {
		*mptcp = v != 0;
		return 0;
	}
	e = errno;
	memset(&mi, 0, sizeof mi);
	sl = sizeof mi;
	if (net_getsockopt(fd, SOL_MPTCP, MPTCP_INFO, &mi, &sl) == 0) {
		*mptcp = (mi.mptcpi_flags & MPTCP_INFO_FLAG_FALLBACK) == 0;
		return 0;
	}
	snprintf(why, len, "getsockopt(TCP_IS_MPTCP): %s; getsockopt(MPTCP_INFO): %s", strerror(e),
		 strerror(errno));
	return -1;
#else
	(void)fd;
	(void)mptcp;
	snprintf(why, len, "this build cannot ask whether a connection is MPTCP (no SOL_MPTCP)");
	return -1;
#endif
}

/* ---- for the lifecycle cases ---- */

int sysdep_abstract_unix(char *why, size_t len)
{
#if defined(__linux__) && !defined(LC_PORTABLE_BUILD)
	(void)why;
	(void)len;
	return 1; /* net/unix/af_unix.c: sun_path[0] == 0 names the abstract namespace */
#else
	snprintf(why, len, "abstract AF_UNIX names are Linux-only%s",
#if defined(LC_PORTABLE_BUILD)
		 " (and this is the portable build)"
#else
		 ""
#endif
	);
	return 0;
#endif
}

int sysdep_reuseport(int fd, char *why, size_t len)
{
#ifdef SO_REUSEPORT
	int one = 1;
	if (net_setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) != 0) {
		snprintf(why, len, "setsockopt(SO_REUSEPORT): %s", strerror(errno));
		return -1;
	}
	return 0;
#else
	(void)fd;
	snprintf(why, len, "this system has no SO_REUSEPORT");
	return -1;
#endif
}
/* ---- the overflow cases (lib/overflow.c) ---- */

#ifdef HAVE_SO_MEMINFO
#include <linux/sock_diag.h>
#endif

int sysdep_socket_drops(int fd, long *drops)
{
#ifdef HAVE_SO_MEMINFO
	unsigned int mem[SK_MEMINFO_VARS];
	socklen_t sl = sizeof mem;
	memset(mem, 0, sizeof mem);
	if (net_getsockopt(fd, SOL_SOCKET, SO_MEMINFO, mem, &sl) != 0 ||
	    sl < (socklen_t)((SK_MEMINFO_DROPS + 1) * sizeof mem[0]))
		return -1;
	*drops = (long)mem[SK_MEMINFO_DROPS];
	return 0;
#else
	(void)fd;
	(void)drops;
	return -1;
#endif
}

/* One counter from a /proc/net file of "Prefix: name name ..." lines each
 * followed by "Prefix: value value ...". */
static int counter_in(const char *path, const char *prefix, const char *name, long *v)
{
	char names[4096], values[4096];
	FILE *f = fopen(path, "r");
	int rc = -1;
	if (f == NULL)
		return -1;
	while (rc != 0 && fgets(names, sizeof names, f) != NULL &&
	       fgets(values, sizeof values, f) != NULL) {
		char *sn, *sv, *n, *val;
		if (strncmp(names, prefix, strlen(prefix)) != 0 || names[strlen(prefix)] != ':')
			continue;
		n = strtok_r(names, " \n", &sn);
		val = strtok_r(values, " \n", &sv);
		while (n != NULL && val != NULL) {
			if (strcmp(n, name) == 0) {
				*v = strtol(val, NULL, 10);
				rc = 0;
				break;
			}
			n = strtok_r(NULL, " \n", &sn);
			val = strtok_r(NULL, " \n", &sv);
		}
	}
	fclose(f);
	return rc;
}

int sysdep_net_counter(const char *name, long *v)
{
	char prefix[16];
	const char *colon = strchr(name, ':');
	if (colon == NULL || (size_t)(colon - name) >= sizeof prefix)
		return -1;
	memcpy(prefix, name, (size_t)(colon - name));
	prefix[colon - name] = '\0';
	/* /proc/self/net follows the network namespace of this process. */
	if (counter_in("/proc/self/net/netstat", prefix, colon + 1, v) == 0)
		return 0;
	return counter_in("/proc/self/net/snmp", prefix, colon + 1, v);
}

int sysdep_defer_accept(int fd, int seconds, char *why, size_t len)
{
#ifdef HAVE_TCP_DEFER_ACCEPT
	if (net_setsockopt(fd, IPPROTO_TCP, TCP_DEFER_ACCEPT, &seconds, sizeof seconds) == 0)
		return 0;
	snprintf(why, len, "setsockopt(TCP_DEFER_ACCEPT): %s", strerror(errno));
	return -1;
#else
	(void)fd;
	(void)seconds;
	snprintf(why, len, "this OS has no TCP_DEFER_ACCEPT to hold a final ACK back (Linux only)");
	return -1;
#endif
}

int sysdep_set_abort_on_overflow(int value, char *why, size_t len)
{
	return sysdep_netns_write("net/ipv4/tcp_abort_on_overflow", value ? "1" : "0", why, len);
}

/* ---- the incomplete-connection queue (see sysdep.h) ---- */

#ifdef HAVE_SO_ATTACH_FILTER
#include <linux/filter.h>
#endif

int sysdep_drop_pure_acks(int fd, char *why, size_t len)
{
#ifdef HAVE_SO_ATTACH_FILTER
	/* A TCP socket's filter sees the segment from its TCP header on
	 * (net/core/filter.c sk_filter_trim_cap, called by tcp_filter after
	 * the IP header was pulled): byte 12 holds the data offset, byte 13
	 * the flags; the length is header plus payload. */
	static struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 13),             /* 0: A = flags */
		BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 0x07, 8, 0),   /* 1: FIN|SYN|RST: keep */
		BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 0x10, 0, 7),   /* 2: no ACK: keep */
		BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 12),             /* 3: A = offset byte */
		BPF_STMT(BPF_ALU | BPF_RSH | BPF_K, 2),             /* 4 */
		BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0x3c),          /* 5: A = header length */
		BPF_STMT(BPF_MISC | BPF_TAX, 0),                    /* 6: X = header length */
		BPF_STMT(BPF_LD | BPF_W | BPF_LEN, 0),              /* 7: A = segment length */
		BPF_JUMP(BPF_JMP | BPF_JGT | BPF_X, 0, 1, 0),       /* 8: payload: keep */
		BPF_STMT(BPF_RET | BPF_K, 0),                       /* 9: a pure ACK: drop */
		BPF_STMT(BPF_RET | BPF_K, 0xffffffffu),             /* 10: keep */
	};
	struct sock_fprog prog;
	prog.len = (unsigned short)(sizeof code / sizeof code[0]);
	prog.filter = code;
	if (net_setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof prog) != 0) {
		snprintf(why, len, "setsockopt(SO_ATTACH_FILTER) on a TCP listener: %s",
			 strerror(errno));
		return -1;
	}
	return 0;
#else
	(void)fd;
	snprintf(why, len, "no way to hold a handshake half-open here: this build has no "
		 "SO_ATTACH_FILTER (Linux only; TCP_DEFER_ACCEPT and accept filters hold "
		 "completed connections, not half-open ones)");
	return -1;
#endif
}

int sysdep_syn_recv_count(int family, unsigned port, unsigned want_rport, long *n, char *why,
			  size_t len)
{
	const char *path = family == AF_INET6 ? "/proc/net/tcp6" : "/proc/net/tcp";
	char line[512];
	FILE *f = fopen(path, "r");
	*n = 0;
	if (f == NULL) {
		snprintf(why, len, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	/* "  sl  local_address rem_address   st ...": addresses in hex as
	 * ADDR:PORT, st in hex (3: TCP_SYN_RECV, which is how a request
	 * socket is listed: net/ipv4/tcp_ipv4.c get_openreq4). */
	while (fgets(line, sizeof line, f) != NULL) {
		char local[64], remote[64];
		unsigned lport, rport, st;
		if (sscanf(line, " %*u: %63[0-9A-Fa-f]:%x %63[0-9A-Fa-f]:%x %x", local, &lport,
			   remote, &rport, &st) == 5 && lport == port && st == 3 &&
		    (want_rport == 0 || rport == want_rport))
			(*n)++;
	}
	fclose(f);
	return 0;
}

int sysdep_tcpext_counter(const char *name, long long *v)
{
	/* The overflow cases' reader of the same file (sysdep_net_counter). */
	char key[64];
	long n;
	if (snprintf(key, sizeof key, "TcpExt:%s", name) >= (int)sizeof key ||
	    sysdep_net_counter(key, &n) != 0)
		return -1;
	*v = n;
	return 0;
}
/* ---- the kernel's sock_diag view of a listener ---- */

#ifdef HAVE_SOCK_DIAG
/* include/net/tcp_states.h: TCP_LISTEN, which unix and SCTP listeners use too. */
#define DIAG_TCP_LISTEN 10
#define DIAG_BUF 16384

/* Sends one request on a new NETLINK_SOCK_DIAG socket (the host's own
 * netlink: socket(), not net_socket()) and calls each(msg, arg) for every
 * answer until one returns non-zero or the dump ends.  Returns 0 when each
 * said "found", else -1 with why. */
static int diag_query(void *req, size_t reqlen, int (*each)(const struct nlmsghdr *, void *),
		      void *arg, const char *what, char *why, size_t len)
{
	static long buf[DIAG_BUF / sizeof(long)];
	struct sockaddr_nl nl;
	int s = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG), rc = -1;

	if (s < 0) {
		snprintf(why, len, "no sock_diag: socket(AF_NETLINK, NETLINK_SOCK_DIAG): %s",
			 strerror(errno));
		return -1;
	}
	memset(&nl, 0, sizeof nl);
	nl.nl_family = AF_NETLINK;
	if (sendto(s, req, reqlen, 0, (struct sockaddr *)&nl, sizeof nl) != (ssize_t)reqlen) {
		snprintf(why, len, "sock_diag (%s): send: %s", what, strerror(errno));
		goto out;
	}
	snprintf(why, len, "sock_diag (%s) does not list this listener", what);
	for (;;) {
		ssize_t n = recv(s, buf, sizeof buf, 0);
		const struct nlmsghdr *h = (const struct nlmsghdr *)buf;
		int left;
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			snprintf(why, len, "sock_diag (%s): recv: %s", what,
				 n < 0 ? strerror(errno) : "end of file");
			goto out;
		}
		for (left = (int)n; NLMSG_OK(h, left); h = NLMSG_NEXT(h, left)) {
			if (h->nlmsg_type == NLMSG_DONE)
				goto out;
			if (h->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = NLMSG_DATA(h);
				/* ENOENT: no diag handler (module not loaded) or no socket. */
				snprintf(why, len, "sock_diag (%s): %s", what, strerror(-e->error));
				goto out;
			}
			if (each(h, arg)) {
				rc = 0;
				goto out;
			}
		}
		if (!(((struct nlmsghdr *)req)->nlmsg_flags & NLM_F_DUMP))
			goto out;
	}
out:
	close(s);
	return rc;
}

struct diag_found {
	int family;
	unsigned short port; /* network order */
	long qlen, qlimit;
};

static int unix_answer(const struct nlmsghdr *h, void *arg)
{
	struct diag_found *f = arg;
	const struct unix_diag_msg *m = NLMSG_DATA(h);
	const struct rtattr *a = (const struct rtattr *)(m + 1);
	int rest = (int)h->nlmsg_len - (int)NLMSG_LENGTH(sizeof *m);
	if (h->nlmsg_type != SOCK_DIAG_BY_FAMILY || rest < 0)
		return 0;
	for (; RTA_OK(a, rest); a = RTA_NEXT(a, rest)) {
		if (a->rta_type == UNIX_DIAG_RQLEN &&
		    RTA_PAYLOAD(a) >= (int)sizeof(struct unix_diag_rqlen)) {
			const struct unix_diag_rqlen *q = RTA_DATA(a);
			f->qlen = (long)q->udiag_rqueue;
			f->qlimit = (long)q->udiag_wqueue;
			return 1;
		}
	}
	return 0;
}

static int inet_answer(const struct nlmsghdr *h, void *arg)
{
	struct diag_found *f = arg;
	const struct inet_diag_msg *m = NLMSG_DATA(h);
	if (h->nlmsg_type != SOCK_DIAG_BY_FAMILY ||
	    h->nlmsg_len < NLMSG_LENGTH(sizeof *m) || m->idiag_family != f->family ||
	    m->id.idiag_sport != f->port || m->idiag_state != DIAG_TCP_LISTEN)
		return 0;
	f->qlen = (long)m->idiag_rqueue;
	f->qlimit = (long)m->idiag_wqueue;
	return 1;
}
#endif

int sysdep_diag_listener(int fd, int family, int protocol, long *qlen, long *qlimit,
			 char *why, size_t len)
{
#ifdef HAVE_SOCK_DIAG
	struct diag_found f;
	memset(&f, 0, sizeof f);
	f.family = family;
	if (family == AF_UNIX) {
		/* net/unix/diag.c: one socket, found by its inode. */
		struct {
			struct nlmsghdr h;
			struct unix_diag_req r;
		} req;
		struct stat st;
		if (fstat(fd, &st) != 0) {
			snprintf(why, len, "fstat: %s", strerror(errno));
			return -1;
		}
		memset(&req, 0, sizeof req);
		req.h.nlmsg_len = sizeof req;
		req.h.nlmsg_type = SOCK_DIAG_BY_FAMILY;
		req.h.nlmsg_flags = NLM_F_REQUEST;
		req.r.sdiag_family = AF_UNIX;
		req.r.udiag_states = 1u << DIAG_TCP_LISTEN;
		req.r.udiag_ino = (unsigned)st.st_ino;
		req.r.udiag_show = UDIAG_SHOW_RQLEN;
		req.r.udiag_cookie[0] = req.r.udiag_cookie[1] = INET_DIAG_NOCOOKIE;
		if (diag_query(&req, sizeof req, unix_answer, &f, "unix_diag", why, len) != 0)
			return -1;
	} else if (family == AF_INET || family == AF_INET6) {
		/* net/ipv4/inet_diag.c: a dump of the listeners on this port. */
		struct {
			struct nlmsghdr h;
			struct inet_diag_req_v2 r;
		} req;
		struct sockaddr_storage a;
		socklen_t alen = sizeof a;
		memset(&a, 0, sizeof a);
		if (net_getsockname(fd, (struct sockaddr *)&a, &alen) != 0) {
			snprintf(why, len, "getsockname: %s", strerror(errno));
			return -1;
		}
		f.port = family == AF_INET ? ((struct sockaddr_in *)&a)->sin_port
					   : ((struct sockaddr_in6 *)&a)->sin6_port;
		memset(&req, 0, sizeof req);
		req.h.nlmsg_len = sizeof req;
		req.h.nlmsg_type = SOCK_DIAG_BY_FAMILY;
		req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
		req.r.sdiag_family = (unsigned char)family;
		/* An MPTCP listener listens through a TCP subflow on its port. */
		req.r.sdiag_protocol = (unsigned char)(protocol == IPPROTO_SCTP ? IPPROTO_SCTP
									  : IPPROTO_TCP);
		req.r.idiag_states = 1u << DIAG_TCP_LISTEN;
		req.r.id.idiag_sport = f.port;
		req.r.id.idiag_cookie[0] = req.r.id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;
		if (diag_query(&req, sizeof req, inet_answer, &f,
			       protocol == IPPROTO_SCTP ? "inet_diag, SCTP" : "inet_diag, TCP", why,
			       len) != 0)
			return -1;
	} else {
		snprintf(why, len, "sock_diag: no view of address family %d here", family);
		return -1;
	}
	*qlen = f.qlen;
	*qlimit = f.qlimit;
	return 0;
#else
	(void)fd;
	(void)family;
	(void)protocol;
	(void)qlen;
	(void)qlimit;
	snprintf(why, len, "this build has no sock_diag (Linux only)");
	return -1;
#endif
}
