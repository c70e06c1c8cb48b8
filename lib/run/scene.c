/* scene.c: cleanup bookkeeping for one case (see scene.h). */
#define _POSIX_C_SOURCE 200809L
#include "scene.h"
#include "net.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

void scene_init(struct scene *s)
{
	memset(s, 0, sizeof *s);
	s->fd = -1;
}

int scene_keep(struct scene *s, int fd)
{
	if (fd < 0)
		return -1;
	if (s->nfds >= SCENE_MAX_FDS) {
		net_close(fd);
		return -1;
	}
	s->fds[s->nfds++] = fd;
	return fd;
}

void scene_keep_path(struct scene *s, const char *path)
{
	if (s->npaths < SCENE_MAX_PATHS)
		snprintf(s->paths[s->npaths++], SCENE_PATH_MAX, "%s", path);
}

void scene_drop(struct scene *s, int fd)
{
	int i;
	for (i = 0; i < s->nfds; i++) {
		if (s->fds[i] == fd) {
			net_close(fd);
			s->fds[i] = s->fds[--s->nfds];
			return;
		}
	}
}

void scene_close(struct scene *s)
{
	int i;
	for (i = s->nfds - 1; i >= 0; i--)
		net_close(s->fds[i]);
	for (i = 0; i < s->npaths; i++)
		unlink(s->paths[i]);
	s->nfds = 0;
	s->npaths = 0;
	s->fd = -1;
}
