"""A certificate a programme would frame: its own title and wording, the organisation's logo
and signature, and a layout that holds with the longest names and titles: nothing overlaps the
QR code or anything else, and it stays on one page. Positions are read back from the PDF."""

import io
from dataclasses import dataclass
from functools import lru_cache

import pytest
from django.core.files.images import ImageFile
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from PIL import Image as PILImage
from PIL import ImageFont
from pypdf import PdfReader
from wagtail.images.models import Image
from wagtail.models import Site

from certification import services
from certification.pdf import certificate_pdf_render
from cms.models import OrganisationSettings
from tests.certification.test_pdf import document
from tests.factories import UserFactory
from tests.factories.certificates import ProgrammeFactory, qualify

EIGHTY = 80
HOLDER = ("Maximiliana Alexandrina Konstantinopoulou-Wolfeschlegelsteinhausenbergerdorff " * 2)[
    :EIGHTY
]
PROGRAMME = ("Advanced Certificate in Trauma-Informed Peer Support for Community Recovery " * 2)[
    :EIGHTY
]
DESIGNATION = ("Certified Senior Peer Mentor and Trainer in Trauma-Informed Recovery Work " * 2)[
    :EIGHTY
]
TITLE = ("Certificate of Advanced Professional Practice in Peer Mentoring and Support " * 2)[
    :EIGHTY
]
UNBROKEN = "Wm" * (EIGHTY // 2)  # no break opportunity at all
COMPETENCIES = [
    "Active listening",
    "Boundaries",
    "Crisis intervention",
    "Motivational interviewing",
    "Cultural humility",
    "Self-care and supervision",
    "Recovery planning",
    "Referral and signposting",
]
# Glyph extents around the baseline as fractions of the font size (DejaVu: capitals and
# ascenders up to ~0.76 em, descenders down to ~0.24 em), and an allowance per character for
# the letter-spacing of the organisation's name and the title (at most 0.14 em).
ASCENT, DESCENT, SPACING = 0.76, 0.24, 0.15


@lru_cache
def _font(base_font: str) -> ImageFont.FreeTypeFont:
    """The TrueType file of an embedded subset such as ``/ABCDEF+DejaVu-Sans-Bold``, from the
    system's fonts, the ones WeasyPrint embedded; measured at 1000 units per em."""
    family, _sep, style = base_font.split("+")[-1].partition("-")
    name, _sep, style = style.partition("-")
    return ImageFont.truetype(f"{family}{name}{'-' + style if style else ''}.ttf", 1000)


def text_width(text: str, font: dict, size: float) -> float:
    spacing = len(text) * SPACING * size if text.isupper() else 0  # only capitals are spaced
    return _font(str(font["/BaseFont"])).getlength(text) / 1000 * size + spacing


@dataclass
class Box:
    text: str
    left: float
    bottom: float
    right: float
    top: float

    def overlaps(self, other) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.bottom < other.top
            and other.bottom < self.top
        )


def _multiply(m, n):
    return [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]


def layout(data: bytes) -> tuple[list[Box], list[Box], PdfReader]:
    """The text runs and the images of the PDF's one page, as boxes in PDF points."""
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    texts, images = [], []

    def on_text(text, cm, tm, font, size):
        if not text.strip():
            return
        matrix = _multiply(tm, cm)
        x, y, scale = matrix[4], matrix[5], matrix[0]
        size = size * scale
        width = text_width(text.rstrip(), font, size)
        texts.append(Box(text.strip(), x, y - DESCENT * size, x + width, y + ASCENT * size))

    def on_operator(operator, args, cm, _tm):
        if operator == b"Do":  # an image drawn in the unit square the matrix maps
            x, y, width, height = cm[4], cm[5], cm[0], cm[3]
            images.append(Box(str(args[0]), x, y, x + width, y + height))

    reader.pages[0].extract_text(visitor_text=on_text, visitor_operand_before=on_operator)
    return texts, images, reader


def qr_box(images: list[Box]) -> Box:
    squares = [image for image in images if abs((image.right - image.left) - 85) < 1]
    assert len(squares) == 1, images  # the QR code, 30 mm square
    return squares[0]


def assert_nothing_overlaps(data: bytes) -> list[Box]:
    texts, images, reader = layout(data)
    qr = qr_box(images)
    page = reader.pages[0].mediabox
    for box in texts:
        assert not box.overlaps(qr), (box, qr)
        assert page.left < box.left and box.right < page.right, box  # inside the page
        for image in images:
            assert not box.overlaps(image), (box, image)
    for i, first in enumerate(texts):  # runs of different lines never touch
        for second in texts[i + 1 :]:
            if abs(first.bottom - second.bottom) > 0.5:
                assert not first.overlaps(second), (first, second)
    return texts


def test_the_title_and_wording_are_the_programme_s_and_not_a_completion_certificate():
    data = certificate_pdf_render(
        document=document(title="Certificate", designation="Certified Peer Mentor")
    )
    text = " ".join(box.text for box in layout(data)[0])
    assert "CERTIFICATE" in text and "completion" not in text.lower()
    assert "is awarded the title" in text and "Certified Peer Mentor" in text
    assert "Programme:" not in text  # the programme's name is the title awarded: said once


@pytest.fixture
def printed_images(settings, tmp_path):
    """A wide logo and a signature, under the media root as the settings' renditions are."""
    settings.MEDIA_ROOT = str(tmp_path)
    paths = {}
    for name, size in (("logo", (1200, 300)), ("signature", (900, 300))):
        path = tmp_path / f"{name}.png"
        PILImage.new("RGB", size, (31, 95, 139)).save(path)
        paths[name] = str(path)
    return paths


@pytest.mark.parametrize(
    "overrides",
    [
        {},
        {"holder_name": HOLDER, "programme_name": PROGRAMME},
        {"holder_name": HOLDER, "programme_name": PROGRAMME, "designation": DESIGNATION},
        {"title": TITLE, "holder_name": HOLDER, "designation": DESIGNATION},
        {"holder_name": UNBROKEN, "designation": UNBROKEN, "programme_name": UNBROKEN},
        {"holder_name": HOLDER, "competencies": COMPETENCIES, "endorsed_by": HOLDER[:60]},
    ],
    ids=["ordinary", "long-name-programme", "long-designation", "long-title", "unbroken", "all"],
)
def test_long_names_and_titles_wrap_without_overlapping_the_qr_code_or_each_other(
    printed_images, overrides
):
    values = {
        "title": "Certificate",
        "designation": "Certified Peer Mentor",
        "logo_path": printed_images["logo"],
        "signature_path": printed_images["signature"],
        "signatory_name": "Dr Jane Example",
        "signatory_role": "Director of Training",
        **overrides,
    }
    doc = document(**values)
    texts = assert_nothing_overlaps(certificate_pdf_render(document=doc))
    printed = "".join(box.text for box in texts).replace(" ", "").replace("-", "")
    for value in (doc.holder_name, doc.designation, doc.signatory_name, doc.serial):
        assert value.replace(" ", "").replace("-", "") in printed, value


def test_images_are_not_interpolated_as_pdf_a_requires(printed_images):
    doc = document(logo_path=printed_images["logo"], signature_path=printed_images["signature"])
    reader = PdfReader(io.BytesIO(certificate_pdf_render(document=doc)))
    objects = reader.pages[0]["/Resources"]["/XObject"]
    images = [objects[name].get_object() for name in objects]
    assert len(images) == 3  # logo, signature, QR code
    assert all(image["/Interpolate"].value is False for image in images)


@pytest.mark.django_db
def test_the_certificate_prints_the_programme_s_wording_and_the_organisation_s_signature(
    mentor, media_in_tmp
):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1800, 600), (20, 20, 20)).save(buffer, "PNG")
    signature = Image.objects.create(
        title="Signature", file=ImageFile(io.BytesIO(buffer.getvalue()), name="signature.png")
    )
    organisation = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    organisation.signature = signature
    organisation.signatory_name = "Dr Jane Example"
    organisation.signatory_role = "Director of Training"
    organisation.save()
    programme = ProgrammeFactory(
        name="Peer Support", certificate_title="Diploma", certificate_designation="Peer Mentor"
    )
    qualify(mentor, programme)
    certificate = services.certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme)
    doc = services.certificate_document(certificate)
    assert (doc.title, doc.designation) == ("Diploma", "Peer Mentor")
    assert (doc.signatory_name, doc.signatory_role) == ("Dr Jane Example", "Director of Training")
    printed = PILImage.open(doc.signature_path)
    assert printed.size == (900, 300)  # a rendition at print size, not the 1800 px upload
    assert_nothing_overlaps(certificate_pdf_render(document=doc))


@pytest.mark.django_db
def test_the_admin_exposes_the_new_fields(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    programme = ProgrammeFactory()
    edit = client.get(f"/admin/certificationprogramme/edit/{programme.pk}/")
    assert edit.status_code == 200
    for field in ("certificate_title", "certificate_designation"):
        assert f'name="{field}"' in edit.content.decode()
    site = Site.objects.get(is_default_site=True)
    settings_page = client.get(
        reverse("wagtailsettings:edit", args=["cms", "organisationsettings", site.pk])
    )
    assert settings_page.status_code == 200
    for field in ("signature", "signatory_name", "signatory_role"):
        assert f'name="{field}"' in settings_page.content.decode()


@pytest.mark.django_db
def test_images_in_object_storage_are_printed_from_a_local_copy(
    mentor, media_in_tmp, settings, monkeypatch
):
    """S3 and the like have no local path (``FieldFile.path`` raises NotImplementedError, as
    Django's Storage.path does); the worker prints from its own copy of the file."""

    def no_local_path(field_file):
        raise NotImplementedError("This backend doesn't support absolute paths.")

    monkeypatch.setattr(FieldFile, "path", property(no_local_path))
    buffer = io.BytesIO()
    PILImage.new("RGB", (1800, 600), (20, 20, 20)).save(buffer, "PNG")
    signature = Image.objects.create(
        title="Signature", file=ImageFile(io.BytesIO(buffer.getvalue()), name="signature.png")
    )
    organisation = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    organisation.signature = signature
    organisation.save()
    programme = ProgrammeFactory()
    qualify(mentor, programme)
    certificate = services.certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme)
    doc = services.certificate_document(certificate)
    assert doc.signature_path.startswith(str(settings.MEDIA_ROOT))
    assert PILImage.open(doc.signature_path).size == (900, 300)
    reader = PdfReader(io.BytesIO(certificate_pdf_render(document=doc)))
    assert len(reader.pages[0]["/Resources"]["/XObject"]) == 2  # the signature and the QR code
