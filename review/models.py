"""The medical review: a step of Wagtail's workflow that a physician who did not write the revision approves.

Draft → medical review → publish. The step is a Wagtail group approval task (members
of "Medical reviewers" decide, Wagtail e-mails them when something is submitted and
shows the moderation state in the admin), with one rule added: whoever wrote the
revision (its authors, through ``people.Person.user``) or submitted it for review
cannot approve it, so no text reaches readers on one person's word.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask

from access.policy import may_approve_medical_review

WRITER_MAY_NOT_APPROVE = _(
    "You wrote or submitted this revision, so you cannot approve its medical review. Another medical reviewer has to approve it."
)


def author_user_ids(obj):
    """User ids of the authors the object names (articles name people; other pages name nobody)."""
    authors = getattr(obj, "authors", None)
    if authors is None:
        return set()
    return {author.person.user_id for author in authors.all() if author.person.user_id is not None}


def writer_ids(obj):
    """Who may not approve ``obj``'s review: the authors of its latest revision and whoever submitted it."""
    latest = obj.get_latest_revision_as_object() if hasattr(obj, "get_latest_revision_as_object") else obj
    ids = author_user_ids(latest)
    state = obj.current_workflow_state
    if state is not None and state.requested_by_id is not None:
        ids.add(state.requested_by_id)
    return ids


def may_approve(obj, user):
    return may_approve_medical_review(user, writer_ids(obj))


class MedicalReviewTask(AbstractGroupApprovalTask):
    """Approval by a member of the chosen groups who neither wrote nor submitted the revision."""

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and not may_approve(obj, user):
            return []
        return actions

    def reviewer_who_wrote_it(self, obj, user):
        """A member of the reviewing groups who is refused the decision because they wrote or submitted ``obj``."""
        return bool(super().get_actions(obj, user)) and not may_approve(obj, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        # Wagtail offers only the actions of get_actions; this holds for any other caller too.
        if action_name == "approve" and not may_approve(task_state.workflow_state.content_object, user):
            raise PermissionDenied(WRITER_MAY_NOT_APPROVE)
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        """The dashboard's "awaiting your review" leaves out what the user submitted."""
        return super().get_task_states_user_can_moderate(user, **kwargs).exclude(workflow_state__requested_by=user)

    @classmethod
    def get_description(cls):
        return _("A member of the chosen groups approves, who is neither an author of the revision nor its submitter.")

    class Meta:
        verbose_name = _("Medical review")
        verbose_name_plural = _("Medical reviews")
