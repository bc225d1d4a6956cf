from django.apps import AppConfig


class FollowingConfig(AppConfig):
    name = "following"
    verbose_name = "Following"

    def ready(self):
        from django.db.models.signals import post_save

        from following.receivers import version_recorded
        from versions.models import ArticleVersion

        post_save.connect(version_recorded, sender=ArticleVersion, dispatch_uid="following.version_recorded")
