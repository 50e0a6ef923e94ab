"""Site-wide models: the user, the home and standard pages, organisation settings and the
referral directory (resources and the page that lists them)."""

import hashlib
import re

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.http import Http404
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms import content_cache
from cms.blocks import RICH_TEXT_FEATURES, BaseContentBlock
from cms.choices import ResourceCategory
from cms.events import EventNotification as EventNotification  # registered with this app
from cms.names import public_name


class User(AbstractUser):
    """A person who uses the platform. Roles are groups (see cms.roles)."""

    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=150,
        blank=True,
        help_text=_(
            "The name shown on certificates and to supervisors. Defaults to the full name."
        ),
    )
    erased_at = models.DateTimeField(
        _("personal data erased"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Set when this person's data was erased on request: the row stays as a "
            "pseudonymous tombstone so audit history still resolves (see cms/privacy.py)."
        ),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="cms_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.public_name

    @property
    def public_name(self) -> str:
        return public_name(
            display_name=self.display_name,
            first_name=self.first_name,
            last_name=self.last_name,
            username=self.username,
        )

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None


class PersonErasure(models.Model):
    """Who erased whom, when, why, and how many records of each kind were deleted or
    pseudonymised. Append-only, and it holds none of the erased personal data: ``person`` points
    at the pseudonymous tombstone the user row became."""

    person = models.OneToOneField(
        User,
        on_delete=models.PROTECT,
        related_name="erasure",
        verbose_name=_("person (pseudonymised)"),
    )
    actor = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="erasures_made",
        verbose_name=_("erased by"),
    )
    at = models.DateTimeField(_("erased at"))
    reason = models.TextField(
        _("reason"),
        max_length=2000,
        help_text=_("Why, e.g. a request reference. Do not repeat the person's details here."),
    )
    counts = models.JSONField(_("records deleted or pseudonymised"), default=dict)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("personal data erasure")
        verbose_name_plural = _("personal data erasures")
        permissions = [
            ("export_person", _("Can export a person's data")),
            ("erase_person", _("Can erase a person's data")),
        ]

    def __str__(self):
        return f"{self.person.username} @ {self.at:%Y-%m-%d}"


class HomePage(Page):
    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True, verbose_name=_("introduction"))
    body = StreamField(BaseContentBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    # The home page is the one place where apps meet in the page tree: the course catalogue
    # and the referral directory live directly under it.
    subpage_types = ["cms.StandardPage", "cms.ResourceDirectoryPage", "courses.CourseIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        # A page further down (a course, a module) is found through its ancestors, one query
        # each. Pages that say their routing is the same for everyone (`route_cacheable`) are
        # kept in the content cache (cms.content_cache): the next request for the same path
        # skips those queries until published content changes.
        if len(path_components) > 1:
            path = hashlib.sha1("/".join(path_components).encode()).hexdigest()
            key = content_cache.content_key("route", self.pk, path)
            page = content_cache.get(key)
            if page is not None:
                return page.route(request, [])
            # Passed through only: one query with the child's own fields deferred, instead of
            # Page + .specific.
            child = self.get_children().filter(slug=path_components[0]).specific(defer=True).first()
            if child is None:
                raise Http404
            # cms.compat imports Wagtail's admin, which needs the app registry: not at load time
            from cms.compat import remember_parent_page

            remember_parent_page(child, self)
            result = child.route(request, path_components[1:])
            page, args, kwargs = result
            if getattr(page, "route_cacheable", False) and not args and not kwargs:
                content_cache.set(key, page)
            return result
        return super().route(request, path_components)


class StandardPage(Page):
    intro = models.TextField(blank=True, max_length=500, verbose_name=_("introduction"))
    body = StreamField(BaseContentBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="site")
class OrganisationSettings(BaseSiteSetting):
    """Who runs this programme: shown in the footer and on certificates."""

    organisation_name = models.CharField(
        _("organisation name"), max_length=200, default="Peer Mentor Academy"
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    signature = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("authorised signature"),
        help_text=_("A scan of the signature printed on certificates, on a white background."),
    )
    signatory_name = models.CharField(_("signatory's name"), max_length=100, blank=True)
    signatory_role = models.CharField(_("signatory's role"), max_length=100, blank=True)
    emergency_number = models.CharField(
        _("emergency number"),
        max_length=40,
        default="112",
        help_text=_("The local emergency number shown on every page's help panel."),
    )

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("logo"),
        FieldPanel("contact_email"),
        FieldPanel("emergency_number"),
        MultiFieldPanel(
            [FieldPanel("signature"), FieldPanel("signatory_name"), FieldPanel("signatory_role")],
            heading=_("Signature on certificates"),
        ),
    ]

    class Meta:
        verbose_name = _("organisation settings")


LANGUAGE_CODE_RE = re.compile(r"^[a-z]{2}$")


def language_name(code: str) -> str:
    """The English name of an ISO 639-1 code, or the code itself when Django does not know it."""
    try:
        return str(get_language_info(code)["name"])
    except KeyError:
        return code


def normalise_language_codes(value: str) -> str:
    """ "EN, es ,cy" -> "en,es,cy": lower-case, no spaces, no duplicates, order kept."""
    codes = []
    for part in (value or "").split(","):
        code = part.strip().lower()
        if code and code not in codes:
            codes.append(code)
    return ",".join(codes)


def validate_language_codes(value: str) -> None:
    bad = [code for code in normalise_language_codes(value).split(",") if code]
    bad = [code for code in bad if not LANGUAGE_CODE_RE.match(code)]
    if bad:
        raise ValidationError(
            _(
                "Use two-letter ISO 639-1 codes separated by commas, such as “en, es”. "
                "Not valid: %(codes)s"
            ),
            params={"codes": ", ".join(bad)},
            code="invalid_language_code",
        )


class ResourceQuerySet(models.QuerySet):
    def in_language(self, code: str):
        """Resources offered in a language (codes are stored as "en,es,cy")."""
        return self.filter(
            Q(languages=code)
            | Q(languages__startswith=f"{code},")
            | Q(languages__endswith=f",{code}")
            | Q(languages__contains=f",{code},")
        )


class Resource(index.Indexed, models.Model):
    """A crisis line, service or group that mentors can refer mentees to."""

    Category = ResourceCategory

    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)
    hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    languages = models.CharField(
        _("languages"),
        max_length=100,
        blank=True,
        validators=[validate_language_codes],
        help_text=_("Two-letter ISO 639-1 codes separated by commas, such as “en, es, cy”."),
    )
    region = models.CharField(_("region"), max_length=200, blank=True)
    is_example = models.BooleanField(
        _("example listing"),
        default=False,
        help_text=_(
            "Tick for invented or demonstration entries: they carry a visible “Example listing” "
            "badge so nobody mistakes them for a real service."
        ),
    )

    objects = ResourceQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("category"),
        FieldPanel("description"),
        FieldPanel("phone"),
        FieldPanel("website"),
        FieldPanel("hours"),
        FieldPanel("languages"),
        FieldPanel("region"),
        FieldPanel("is_example"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.SearchField("region"),
        index.FilterField("category"),
    ]

    class Meta:
        ordering = ["category", "name"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        constraints = [
            models.CheckConstraint(
                condition=Q(category__in=ResourceCategory.values),
                name="cms_resource_category_valid",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.languages = normalise_language_codes(self.languages)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.languages = normalise_language_codes(self.languages)

    @property
    def language_codes(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @property
    def language_names(self) -> list[str]:
        return [language_name(code) for code in self.language_codes]

    @property
    def phone_href(self) -> str:
        """The phone number as a tel: link target (digits and a leading + only)."""
        digits = re.sub(r"[^\d+]", "", self.phone)
        return f"tel:{digits}" if digits else ""


class ResourceDirectoryPage(Page):
    """The referral directory: every resource, filterable by category and language."""

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True, verbose_name=_("introduction"))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("resource directory page")

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import resource_directory

        context = super().get_context(request, *args, **kwargs)
        context.update(
            resource_directory(
                category=request.GET.get("category", ""),
                language=request.GET.get("language", ""),
            )
        )
        return context


class ContentGeneration(models.Model):
    """One row: a number that grows whenever published content may have changed.

    Caches of what every visitor sees alike (see cms.content_cache) put it in their keys, so a
    change is visible to every process the moment it commits, whatever the cache backend.
    """

    value = models.PositiveBigIntegerField(_("value"), default=0)

    class Meta:
        verbose_name = _("content generation")

    def __str__(self) -> str:
        return str(self.value)
