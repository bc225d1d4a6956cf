"""The review rules, said in the admin where they apply.

Messages are worded while the view runs, in the editor's admin language; a lazy
text would be worded later, when the message is stored, in the site's default.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from review.models import WRITER_MAY_NOT_APPROVE, MedicalReviewTask, author_user_ids

AUTHOR_MAY_NOT_PUBLISH = _(
    "You are an author of this article, so you cannot publish it yourself. Your changes are saved; submit them for medical review."
)


def under_medical_review(page):
    workflow = page.get_workflow()
    return workflow is not None and any(isinstance(task.specific, MedicalReviewTask) for task in workflow.tasks)


@hooks.register("before_edit_page")
def tell_a_reviewer_who_wrote_it_why_there_is_no_approve(request, page):
    if request.method != "GET":
        return None
    task = page.current_workflow_task
    if isinstance(task, MedicalReviewTask) and task.reviewer_who_wrote_it(page, request.user):
        messages.warning(request, str(WRITER_MAY_NOT_APPROVE))
    return None


@hooks.register("before_publish_page")
def authors_do_not_publish_alone(request, page):
    """Also for an author who holds publish permission through another group (a moderator, an administrator)."""
    if under_medical_review(page) and request.user.pk in author_user_ids(page):
        messages.error(request, str(AUTHOR_MAY_NOT_PUBLISH))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
