"""What every deliberation API view shares: the caller's standing comes from the one policy (through the
arenas API's ``ArenaScopedView``), a thread or post the caller may not see is the same 404 as a missing one,
and a refusal — by the policy before parsing, or by a service — is a 403 with the policy's sentence."""

from arenas.api.views import ArenaScopedView

from ..models import Post, Thread
from ..rules import PostPermissions
from ..selectors import endorsed_by, post_get_for_viewer, thread_get_by_id_for_viewer


class DeliberationView(ArenaScopedView):
    """``required`` names, per HTTP method, the arena permission needed beyond seeing the arena; what is
    about the single post or thread (its author, a lock, a hidden post) the services refuse."""

    def get_thread(self, *, detail: bool = False) -> Thread:
        thread = thread_get_by_id_for_viewer(
            thread_id=self.kwargs["thread_id"], viewer=self.request.user, detail=detail
        )
        self.authorise(thread.arena)
        return thread

    def get_post(self) -> Post:
        post = post_get_for_viewer(post_id=self.kwargs["post_id"], viewer=self.request.user)
        self.authorise(post.thread.arena)
        return post

    def post_context(self, thread: Thread, posts) -> dict:
        """What ``PostSerializer`` needs to know about the caller: the policy's answers for these posts
        and, in one query, which of them the caller endorses."""
        return {
            **self.get_serializer_context(),
            "endorsed": endorsed_by(viewer=self.request.user, post_ids=[p.pk for p in posts]),
            "post_permissions": PostPermissions(self.request.user, thread),
        }
