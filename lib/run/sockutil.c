/* sockutil.c: loopback-only socket helpers (see sockutil.h). */
#define _POSIX_C_SOURCE 200809L
#include "sockutil.h"
#include "errnames.h"
#include "net.h"
#include "sysdep.h"

#include <dirent.h>
#include <signal.h>
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include <netinet/in.h>
#include <arpa/inet.h>

static char tmpdir[256];
static pid_t tmpdir_owner;
static unsigned path_counter;

void lc_tmpdir_remove(void)
{
	DIR *d;

	if (tmpdir[0] == '\0' || tmpdir_owner != getpid())
		return;
	d = opendir(tmpdir);
	if (d != NULL) {
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			char path[512];
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(path, sizeof path, "%s/%s", tmpdir, e->d_name);
			unlink(path);
		}
		closedir(d);
	}
	rmdir(tmpdir);
	tmpdir[0] = '\0';
}

static void on_signal(int sig)
{
	if (tmpdir[0] != '\0' && tmpdir_owner == getpid()) {
		char *const argv[] = {"rm", "-rf", tmpdir, NULL};
		char *const envp[] = {NULL};
		pid_t pid = fork();
		if (pid == 0) {
			execve("/bin/rm", argv, envp);
			_exit(127);
		}
		if (pid > 0)
			while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
				;
	}
	signal(sig, SIG_DFL);
	kill(getpid(), sig);
}

void lc_cleanup_on_signals(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa;
	char why[200];
	size_t i;

	(void)lc_tmpdir(why, sizeof why); /* a failure shows later, as skips */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaddset(&sa.sa_mask, sigs[i]);
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
}

static void remove_at_exit(void)
{
	lc_tmpdir_remove();
}

const char *lc_tmpdir(char *why, size_t len)
{
	static int registered;
	const char *base;

	/* Forked children use their parent's directory (their paths carry
	 * their pid); only the process that made it removes it. */
	if (tmpdir[0] != '\0')
		return tmpdir;
	base = getenv("TMPDIR");
	if (base == NULL || base[0] == '\0')
		base = "/tmp";
	if (snprintf(tmpdir, sizeof tmpdir, "%s/listen-conformance.XXXXXX", base) >= 70) {
		/* AF_UNIX paths are short (104 bytes on the BSDs). */
		snprintf(why, len, "TMPDIR is too long for AF_UNIX socket paths: %s", base);
		tmpdir[0] = '\0';
		return NULL;
	}
	if (mkdtemp(tmpdir) == NULL) {
		snprintf(why, len, "cannot create a private directory in %s: %s", base,
			 strerror(errno));
		tmpdir[0] = '\0';
		return NULL;
	}
	tmpdir_owner = getpid();
	if (!registered) {
		atexit(remove_at_exit);
		registered = 1;
	}
	return tmpdir;
}

int loopback_addr(int family, struct sockaddr_storage *ss, socklen_t *len, struct obs *o)
{
	memset(ss, 0, sizeof *ss);
	if (family == AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)ss;
		in->sin_family = AF_INET;
		in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		*len = sizeof *in;
	} else if (family == AF_INET6) {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
		in6->sin6_family = AF_INET6;
		in6->sin6_addr = in6addr_loopback;
		*len = sizeof *in6;
	} else if (family != AF_UNIX) {
		char why[200];
		if (sysdep_vsock_local(family, ss, len, why, sizeof why) != 0) {
			obs_skip(o, "%s", why);
			return -1;
		}
	} else {
		struct sockaddr_un *un = (struct sockaddr_un *)ss;
		char why[200];
		const char *dir = lc_tmpdir(why, sizeof why);
		if (dir == NULL) {
			obs_skip(o, "%s", why);
			return -1;
		}
		un->sun_family = AF_UNIX;
		snprintf(un->sun_path, sizeof un->sun_path, "%s/%ld.%u", dir, (long)getpid(),
			 path_counter++);
		*len = sizeof *un;
	}
	return 0;
}

int ipv6_usable(char *why, size_t len)
{
	struct sockaddr_in6 a;
	int s = net_socket(AF_INET6, SOCK_STREAM, 0);
	int ok;
	if (s < 0) {
		snprintf(why, len, "no IPv6: socket(AF_INET6): %s", strerror(errno));
		return 0;
	}
	memset(&a, 0, sizeof a);
	a.sin6_family = AF_INET6;
	a.sin6_addr = in6addr_loopback;
	ok = net_bind(s, (struct sockaddr *)&a, sizeof a) == 0;
	if (!ok)
		snprintf(why, len, "no IPv6 loopback: bind([::1]): %s", strerror(errno));
	net_close(s);
	return ok;
}

int make_socket(struct scene *s, int family, int type, int protocol, struct obs *o)
{
	int fd = net_socket(family, type, protocol);
	if (fd < 0) {
		obs_step_errno(o, "socket", errno);
		return -1;
	}
	if (scene_keep(s, fd) < 0) {
		obs_skip(o, "a scene holds at most %d descriptors", SCENE_MAX_FDS);
		return -1;
	}
	return fd;
}

int bound_socket(struct scene *s, int family, int type, struct sockaddr_storage *ss,
		 socklen_t *len, struct obs *o)
{
	return bound_socket_proto(s, family, type, 0, ss, len, o);
}

int bound_socket_proto(struct scene *s, int family, int type, int protocol,
		       struct sockaddr_storage *ss, socklen_t *len, struct obs *o)
{
	int fd;
	if (loopback_addr(family, ss, len, o) != 0)
		return -1;
	fd = make_socket(s, family, type, protocol, o);
	if (fd < 0)
		return -1;
	if (net_bind(fd, (struct sockaddr *)ss, *len) != 0) {
		obs_step_errno(o, "bind", errno);
		return -1;
	}
	if (family == AF_UNIX)
		scene_keep_path(s, ((struct sockaddr_un *)ss)->sun_path);
	else if (net_getsockname(fd, (struct sockaddr *)ss, len) != 0) {
		obs_step_errno(o, "getsockname", errno);
		return -1;
	}
	return fd;
}

int listening_socket(struct scene *s, int family, int type, int backlog,
		     struct sockaddr_storage *ss, socklen_t *len, struct obs *o)
{
	return listening_socket_proto(s, family, type, 0, backlog, ss, len, o);
}

int listening_socket_proto(struct scene *s, int family, int type, int protocol, int backlog,
			   struct sockaddr_storage *ss, socklen_t *len, struct obs *o)
{
	int fd = bound_socket_proto(s, family, type, protocol, ss, len, o);
	if (fd < 0)
		return -1;
	if (lc_listen(fd, backlog, "listener", o) != 0)
		return -1;
	return fd;
}

int lc_listen_token(int fd, int backlog, char *token, size_t len, int *ret)
{
	int r;
	errno = 0;
	r = net_listen(fd, backlog);
	if (ret != NULL)
		*ret = r;
	if (r == 0) {
		snprintf(token, len, "ok");
		return 0;
	}
	if (r == -1) {
		char buf[32];
		int e = errno;
		snprintf(token, len, "%s", errno_name(e, buf, sizeof buf));
		errno = e;
	} else
		snprintf(token, len, "bad-return");
	return -1;
}

int lc_listen(int fd, int backlog, const char *step, struct obs *o)
{
	char token[32];
	int r, e;
	if (lc_listen_token(fd, backlog, token, sizeof token, &r) == 0)
		return 0;
	e = errno;
	if (r != -1) {
		obs_word(o, "bad-return");
		obs_note(o, "%s%slisten() returned %d (A11 allows only 0 and -1)",
			 step != NULL ? step : "", step != NULL ? ": " : "", r);
	} else if (step != NULL) {
		obs_step_errno(o, step, e);
	} else {
		obs_errno(o, e);
	}
	return -1;
}

int set_nonblocking(int fd, int on)
{
	int fl = net_getfl(fd);
	if (fl < 0)
		return -1;
	fl = on ? (fl | O_NONBLOCK) : (fl & ~O_NONBLOCK);
	return net_setfl(fd, fl);
}

unsigned sockaddr_port(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return ntohs(((const struct sockaddr_in *)ss)->sin_port);
	if (ss->ss_family == AF_INET6)
		return ntohs(((const struct sockaddr_in6 *)ss)->sin6_port);
	return 0;
}

void sock_reset_on_close(int fd)
{
	struct linger lg;
	lg.l_onoff = 1;
	lg.l_linger = 0;
	(void)net_setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
}

int sock_error(int fd)
{
	int e = 0;
	socklen_t len = sizeof e;
	if (net_getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &len) != 0)
		return errno;
	return e;
}

long lc_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int fd_read_full(int fd, void *buf, size_t len)
{
	char *p = buf;
	while (len > 0) {
		ssize_t n = read(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int fd_write_full(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int count_open_fds(void)
{
	long max;
	int fd, n = 0;
	DIR *d = opendir("/proc/self/fd");

	if (d != NULL) {
		/* Linux: one directory entry per descriptor, less the one
		 * opendir() itself holds. */
		struct dirent *e;
		while ((e = readdir(d)) != NULL)
			if (e->d_name[0] != '.')
				n++;
		closedir(d);
		return n - 1;
	}
	max = sysconf(_SC_OPEN_MAX);
	if (max < 0 || max > 1 << 20)
		max = 1 << 20;
	for (fd = 0; fd < max; fd++)
		if (fcntl(fd, F_GETFD) != -1)
			n++;
	return n;
}
