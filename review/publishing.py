"""What happens when a workflow is approved (``WAGTAIL_FINISH_WORKFLOW_ACTION``).

Wagtail's default publishes as the approving user and so requires them to hold
publish permission; then every medical reviewer could also publish any draft
directly, past the review. Here the approval itself is the permission: the task
has already checked that the approver is a medical reviewer who neither wrote nor
submitted the revision (review.models.MedicalReviewTask), so reviewers need no
publish permission and nobody of the Authors or Medical reviewers groups can
publish outside the workflow.

The approval is the medical review, so the article names its approver as a
reviewer and says on which day it was reviewed; nobody has to copy that into the
form by hand, and nobody can claim a review that did not take place.
"""

from django.utils import timezone


def publish_approved(workflow_state, user=None):
    revision = workflow_state.content_object.get_latest_revision()
    approved = revision.as_object()
    if user is not None and record_review(approved, user, timezone.localdate()):
        revision = approved.save_revision(user=user, log_action=False)
    revision.publish(user=user, skip_permission_checks=True)


def record_review(page, user, day):
    """Name ``user``'s person as reviewer of ``page`` and date the review ``day``; False when ``page`` has none.

    A next review date that the review itself has reached is cleared, so the
    article does not claim a review that is already due; the editorial dashboard
    lists the article until an editor sets the next one.
    """
    reviewers = getattr(page, "reviewers", None)
    person = getattr(user, "person", None)
    if reviewers is None or person is None:
        return False
    if person.pk not in {reviewer.person_id for reviewer in reviewers.all()}:
        # The relation's own model: importing articles' models here would load them
        # while Wagtail's admin imports this module at start-up.
        reviewers.add(reviewers.model(person=person))
    page.medically_reviewed_on = day
    if page.next_review_due is not None and page.next_review_due <= day:
        page.next_review_due = None
    return True
