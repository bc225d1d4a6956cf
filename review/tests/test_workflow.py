"""Draft → medical review → publish: an author submits, a medical reviewer who did not write it approves."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.users.models import UserProfile

from articles.models import ArticleAuthor, ArticlePage, ArticleReviewer
from articles.tests.helpers import cno
from editorial.dashboard import reviews_due
from review.models import MedicalReviewTask
from review.publishing import record_review
from review.tests.conftest import admin, approve, publish, submit

pytestmark = pytest.mark.django_db


def live_text(page):
    """The first section's text as readers get it (a draft leaves the published page unchanged)."""
    page.refresh_from_db()
    return ArticlePage.objects.get(pk=page.pk).body.raw_data[0]["value"]["text"]


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_fresh_install_reviews_the_articles_of_both_languages_in_the_medical_review_workflow(language):
    workflow = cno(language).get_workflow()
    assert workflow is not None and workflow.name == "Medical review"
    tasks = [task.specific for task in workflow.tasks]
    assert len(tasks) == 1 and isinstance(tasks[0], MedicalReviewTask)
    assert [group.name for group in tasks[0].groups.all()] == ["Medical reviewers"]


def test_authors_and_medical_reviewers_may_edit_but_neither_may_publish_alone(author, reviewer):
    for user in (author, reviewer):
        permissions = cno("en").permissions_for_user(user)
        assert permissions.can_edit() and not permissions.can_publish()
        assert Page.objects.get(pk=cno("en").pk).specific.permissions_for_user(user).can_submit_for_moderation()


def test_an_authors_publish_is_refused_and_the_change_stays_a_draft(author, article):
    before = live_text(article)
    response = publish(admin(author), article, "An author's own publish.")
    assert response.status_code in (302, 403)
    assert live_text(article) == before


def test_reviewers_get_an_email_when_an_author_submits_and_the_admin_shows_the_state(
    author, reviewer, article, mailoutbox
):
    response = submit(admin(author), article)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.workflow_in_progress
    assert isinstance(article.current_workflow_task, MedicalReviewTask)
    recipients = {address for mail in mailoutbox for address in mail.to}
    assert reviewer.email in recipients and author.email not in recipients
    mail = next(m for m in mailoutbox if reviewer.email in m.to)
    assert article.title in mail.subject + mail.body
    edit_page = admin(reviewer).get(reverse("wagtailadmin_pages:edit", args=(article.pk,))).content.decode()
    assert "Medical review" in edit_page and "Approve" in edit_page


def test_a_second_physician_approves_and_the_article_is_published(author, reviewer, article):
    submit(admin(author), article, "Reviewed and approved text.")
    assert "Reviewed and approved text." not in live_text(article)
    response = approve(admin(reviewer), article)
    assert response.status_code == 302
    assert "Reviewed and approved text." in live_text(article)
    assert not article.workflow_in_progress


def test_the_approval_names_the_approver_as_medical_reviewer_and_dates_the_review(author, reviewer, article):
    submit(admin(author), article, "Checked by a second physician.")
    approve(admin(reviewer), article)
    published = ArticlePage.objects.get(pk=article.pk)
    assert [r.person.user_id for r in published.reviewers.all()] == [reviewer.pk]
    assert published.medically_reviewed_on == timezone.localdate()
    html = Client().get(published.url).content.decode()
    assert "Medically reviewed on" in html and "Rita Test" in html


def test_an_approval_keeps_the_earlier_reviewers(author, reviewer, second_reviewer, article):
    article.reviewers = [ArticleReviewer(person=second_reviewer.person)]
    article.save_revision().publish()
    submit(admin(author), article)
    approve(admin(reviewer), article)
    published = ArticlePage.objects.get(pk=article.pk)
    assert {r.person.user_id for r in published.reviewers.all()} == {reviewer.pk, second_reviewer.pk}


def test_a_review_keeps_a_next_review_date_that_lies_after_it(reviewer, article):
    today = timezone.localdate()
    article.next_review_due = today + timedelta(days=365)
    assert record_review(article, reviewer, today)
    assert article.next_review_due == today + timedelta(days=365) and article.medically_reviewed_on == today


def test_a_next_review_date_the_approval_reached_is_cleared_and_the_dashboard_asks_for_a_new_one(
    author, reviewer, article
):
    submit(admin(author), article)
    revision = article.get_latest_revision()
    draft = revision.as_object()
    draft.next_review_due = timezone.localdate()
    draft.save_revision()
    approve(admin(reviewer), article)
    published = ArticlePage.objects.get(pk=article.pk)
    assert published.next_review_due is None, "a review on the day it was due does not leave it due"
    assert published.pk in [page.pk for page in reviews_due()]


def test_a_medical_reviewer_who_is_an_author_of_the_revision_cannot_approve_it_and_is_told_why(
    author, reviewer, second_reviewer, article
):
    article.authors.add(ArticleAuthor(person=reviewer.person))
    article.save_revision().publish()
    submit(admin(author), article, "Co-written text.")
    client = admin(reviewer)
    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=(article.pk,))).content.decode()
    assert "You wrote or submitted this revision, so you cannot approve its medical review." in edit_page
    assert approve(client, article).status_code in (302, 403)
    assert "Co-written text." not in live_text(article)
    approve(admin(second_reviewer), article)
    assert "Co-written text." in live_text(article)


def test_whoever_submitted_a_revision_cannot_approve_it(reviewer, second_reviewer, article):
    client = admin(reviewer)
    submit(client, article, "Submitted by a reviewer.")
    assert approve(client, article).status_code in (302, 403)
    assert "Submitted by a reviewer." not in live_text(article)
    approve(admin(second_reviewer), article)
    assert "Submitted by a reviewer." in live_text(article)


def test_an_author_who_may_publish_through_another_role_is_still_refused_publishing_their_own_article(
    django_user_model, article
):
    administrator = django_user_model.objects.create_superuser("boss@example.org", "boss@example.org", "pw-long-123")
    profile = UserProfile.get_for_user(administrator)
    profile.preferred_language = "en"
    profile.save()
    person = article.authors.first().person
    person.user = administrator
    person.save()
    before = live_text(article)
    client = admin(administrator)
    response = publish(client, article, "The administrator's own text.")
    assert response.status_code == 302
    assert live_text(article) == before
    messages = client.get(response["Location"]).content.decode()
    assert "You are an author of this article, so you cannot publish it yourself." in messages


def test_an_administrator_who_is_no_author_still_publishes_directly(django_user_model, article):
    administrator = django_user_model.objects.create_superuser("boss@example.org", "boss@example.org", "pw-long-123")
    publish(admin(administrator), article, "Published by an administrator.")
    assert "Published by an administrator." in live_text(article)
