"""Audits of the pages as readers meet them: accessibility (axe-core), HTML (the Nu Html
Checker), Lighthouse's accessibility, best-practices and SEO categories, and the German
interface. The pages are listed in ``audit.pages``; the tests are in ``audit/tests``."""
