"""What deliberation tells people, and what it adds to digests."""

from django.utils.translation import gettext_lazy as _

from platform_core.notifications.registry import Category, EmailMode, EventType, registry

REPLIES = registry.category_register(
    Category("replies", _("Replies to your posts"), default=EmailMode.IMMEDIATELY)
)
MENTIONS = registry.category_register(
    Category("mentions", _("Mentions of you (@handle)"), default=EmailMode.IMMEDIATELY)
)
MODERATION = registry.category_register(
    Category("moderation", _("Moderation of what you wrote"), default=EmailMode.IMMEDIATELY)
)
ACTIVITY = registry.category_register(
    Category("arena_activity", _("New threads in your arenas"), default=EmailMode.DIGEST)
)
FOLLOWED = registry.category_register(
    Category("followed_threads", _("New posts in threads you follow"), default=EmailMode.DIGEST)
)
FLAGS = registry.category_register(
    Category("flags", _("Flagged posts (facilitators)"), default=EmailMode.DIGEST)
)

for key, category, verb in [
    ("deliberation.thread_created", ACTIVITY, _("started a thread")),
    ("deliberation.reply", REPLIES, _("replied to your post")),
    ("deliberation.mention", MENTIONS, _("mentioned you")),
    ("deliberation.followed_post", FOLLOWED, _("posted in a thread you follow")),
    ("deliberation.post_hidden", MODERATION, _("hid your post")),
    ("deliberation.warning", MODERATION, _("sent you a moderation warning")),
    ("deliberation.post_flagged", FLAGS, _("flagged a post")),
]:
    registry.event_register(EventType(key, category.key, verb))
