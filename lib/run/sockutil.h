/* sockutil.h: loopback addresses, private socket paths and the small socket
 * steps situations are built from.  Nothing here ever binds a wildcard
 * address: every address is 127.0.0.1, ::1 or a path in a private
 * directory. */
#ifndef LC_SOCKUTIL_H
#define LC_SOCKUTIL_H

#include <stddef.h>
#include <sys/socket.h>

#include "obs.h"
#include "scene.h"

/* The private temporary directory (mode 0700), created on first use and
 * removed when the process that created it exits; processes forked after
 * that use the same directory (socket paths carry the pid).  NULL (and the
 * reason in why) when it cannot be created. */
const char *lc_tmpdir(char *why, size_t len);

/* For a program's main(), before it forks anything: makes this process the
 * owner of the private directory (created now, so every child shares it),
 * and on SIGINT, SIGTERM or SIGHUP removes it (only async-signal-safe
 * calls: it forks rm -rf) and then dies of that signal.  Children die with
 * their parent (sysdep_die_with_parent) and own nothing that outlives them. */
void lc_cleanup_on_signals(void);

/* Removes the private directory now (also safe from a signal handler's
 * exit path); a later lc_tmpdir() creates a new one. */
void lc_tmpdir_remove(void);

/* A loopback address of family AF_INET, AF_INET6 or AF_UNIX with port 0 or a
 * fresh unique path (AF_VSOCK: VMADDR_CID_LOCAL, any port).  Returns 0, or -1 with o set (skip when the private
 * directory is missing). */
int loopback_addr(int family, struct sockaddr_storage *ss, socklen_t *len, struct obs *o);

/* Non-zero when IPv6 loopback works here; otherwise writes why. */
int ipv6_usable(char *why, size_t len);

/* socket() kept in the scene; on failure o becomes "socket:ERRNO". */
int make_socket(struct scene *s, int family, int type, int protocol, struct obs *o);

/* A socket of this family/type bound to a fresh loopback address, which is
 * written to *ss (with the port the kernel chose). */
int bound_socket(struct scene *s, int family, int type, struct sockaddr_storage *ss,
		 socklen_t *len, struct obs *o);

/* A bound socket that listens with the given backlog. */
int listening_socket(struct scene *s, int family, int type, int backlog,
		     struct sockaddr_storage *ss, socklen_t *len, struct obs *o);

/* The same two with socket()'s protocol argument (MPTCP, SCTP). */
int bound_socket_proto(struct scene *s, int family, int type, int protocol,
		       struct sockaddr_storage *ss, socklen_t *len, struct obs *o);
int listening_socket_proto(struct scene *s, int family, int type, int protocol, int backlog,
			   struct sockaddr_storage *ss, socklen_t *len, struct obs *o);

/* The one checked listen() of the library.  A11 allows listen() to return
 * only 0, or -1 with errno set: anything else is a broken port, and must
 * never be reported with whatever errno held from an earlier call.
 * lc_listen_token() writes "ok", the errno name, or "bad-return", and
 * returns 0 for ok; *ret (may be NULL) gets what listen() returned. */
int lc_listen_token(int fd, int backlog, char *token, size_t len, int *ret);

/* listen() for a case: 0, or -1 with o set to STEP:ERRNO (ERRNO alone when
 * step is NULL), or to bad-return with a note naming the step and value. */
int lc_listen(int fd, int backlog, const char *step, struct obs *o);

/* Sets or clears O_NONBLOCK. */
int set_nonblocking(int fd, int on);

/* The port of an inet address (host order), 0 for other families. */
unsigned sockaddr_port(const struct sockaddr_storage *ss);

/* read()/write() all of len bytes, retrying after EINTR and short counts.
 * Return 0, or -1 on an error or end of file. */
int fd_read_full(int fd, void *buf, size_t len);
int fd_write_full(int fd, const void *buf, size_t len);

/* SO_LINGER with a zero timeout: the next close() of fd sends a reset
 * and leaves no TIME_WAIT state behind. */
void sock_reset_on_close(int fd);

/* The pending error of a socket (SO_ERROR), or the errno of asking. */
int sock_error(int fd);

/* Milliseconds on the monotonic clock (for bounds on waits). */
long lc_now_ms(void);

/* Number of open descriptors in this process (for leak checks). */
int count_open_fds(void);

#endif
