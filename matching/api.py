"""The eligibility API (DRF): thin views over matching's selectors and the gate.

Coordinators and service accounts authenticate with a token; mentors and supervisors get 403.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, permissions, serializers, status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from cms.roles import COORDINATORS
from matching import selectors, services
from matching.models import languages_of

API_ROLES = (COORDINATORS, services.SERVICE_ACCOUNTS)
MAX_ID = 2**63 - 1  # a larger id cannot exist; answering 404 avoids a database overflow


class ApiTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, which also learns in the same query whether the user is
    a coordinator or a service account (so the permission check costs nothing)."""

    def authenticate_credentials(self, key):
        model = self.get_model()
        token = (
            model.objects.select_related("user")
            .annotate(
                api_client=Exists(
                    Group.objects.filter(user=OuterRef("user_id"), name__in=API_ROLES)
                )
            )
            .filter(key=key)
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return (token.user, token)


class IsApiClient(permissions.BasePermission):
    """Coordinators, service accounts and superusers; everybody else is refused (403)."""

    message = _("Only coordinators and service accounts may use this API.")

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        if user.is_superuser:
            return True
        known = getattr(request.auth, "api_client", None)
        if known is not None:
            return known
        return user.groups.filter(name__in=API_ROLES).exists()


class ApiView(APIView):
    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [IsApiClient]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "matching"


class ProgrammeQuerySerializer(serializers.Serializer):
    programme = serializers.SlugField(
        required=False,
        max_length=100,
        help_text=_("A programme's slug; the default programme when omitted."),
    )


class MentorListQuerySerializer(ProgrammeQuerySerializer):
    eligible = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("true: only mentors who can take a mentee now; false: only those who cannot."),
    )


class CertificateSerializer(serializers.Serializer):
    serial = serializers.CharField()
    status = serializers.CharField()
    valid_from = serializers.DateField()
    valid_until = serializers.DateField()
    grace_until = serializers.DateField()
    in_force = serializers.BooleanField()


class UnmetSerializer(serializers.Serializer):
    requirement = serializers.CharField()
    detail = serializers.CharField()


class EligibilitySerializer(serializers.Serializer):
    mentor = serializers.IntegerField()
    eligible = serializers.BooleanField()
    programme = serializers.CharField()
    certificate = CertificateSerializer(allow_null=True)
    unmet = UnmetSerializer(many=True)


class MentorSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField(source="public_name")
    languages = serializers.SerializerMethodField()
    certified = serializers.BooleanField()
    supervised = serializers.BooleanField()
    active_assignments = serializers.IntegerField(source="open_assignments")
    capacity = serializers.IntegerField(source="capacity_value")
    accepting_new = serializers.BooleanField(source="accepting_value")
    eligible = serializers.BooleanField()

    def get_languages(self, mentor) -> list[str]:
        return sorted(languages_of(mentor.mentor_languages))


class AssignmentInputSerializer(serializers.Serializer):
    mentor = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    mentee = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    start = serializers.DateField(required=False, help_text=_("Today when omitted."))


class AssignmentSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    mentor = serializers.IntegerField(source="mentor_id")
    mentee = serializers.IntegerField(source="mentee_id")
    coordinator = serializers.IntegerField(source="coordinator_id", allow_null=True)
    start = serializers.DateField()
    status = serializers.CharField()


class RefusalSerializer(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField(help_text=_("Which rule refused: assignment_refused."))
    unmet = UnmetSerializer(many=True)


def _programme_or_400(slug, *, mentor_id=0, on=None):
    programme = selectors.programme_for_mentor(
        slug=slug, mentor_id=mentor_id, on=on or timezone.localdate()
    )
    if programme is None:
        message = _("No programme with this slug.") if slug else _("No default programme is set.")
        raise exceptions.ValidationError({"programme": [message]})
    return programme


def certificate_data(certificate, *, on) -> dict | None:
    if certificate is None:
        return None
    return {
        "serial": certificate.serial,
        "status": certificate.status,
        "valid_from": certificate.valid_from,
        "valid_until": certificate.valid_until,
        "grace_until": certificate.grace_until,
        "in_force": certificate.in_force_on(on),
    }


class MentorEligibilityView(ApiView):
    @extend_schema(
        operation_id="mentor_eligibility",
        summary=_("Whether a mentor may take a mentee now, and why not"),
        parameters=[ProgrammeQuerySerializer],
        responses={
            200: EligibilitySerializer,
            400: OpenApiResponse(description=_("Unknown programme")),
            404: OpenApiResponse(description=_("Unknown mentor")),
        },
    )
    def get(self, request, pk: int):
        query = ProgrammeQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        if pk > MAX_ID:
            raise exceptions.NotFound
        today = timezone.localdate()
        programme = _programme_or_400(query.validated_data.get("programme"), mentor_id=pk, on=today)
        try:
            eligibility, unmet = selectors.mentor_eligibility(
                mentor_id=pk, programme=programme, on=today
            )
        except get_user_model().DoesNotExist as error:
            raise exceptions.NotFound(_("No mentor with this id.")) from error
        data = {
            "mentor": pk,
            "eligible": not unmet,
            "programme": programme.slug,
            "certificate": certificate_data(eligibility.certificate, on=today),
            "unmet": unmet,
        }
        return Response(EligibilitySerializer(data).data)


class MentorListView(ApiView, generics.ListAPIView):
    serializer_class = MentorSerializer

    @extend_schema(
        operation_id="mentors_list",
        summary=_("Mentors, optionally only those eligible for a programme"),
        parameters=[MentorListQuerySerializer],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        query = MentorListQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        today = timezone.localdate()
        programme = _programme_or_400(query.validated_data.get("programme"), on=today)
        return selectors.mentors_for_api(
            programme=programme, on=today, eligible=query.validated_data.get("eligible")
        ).select_related("mentor_profile")


class AssignmentCreateView(ApiView):
    @extend_schema(
        operation_id="assignment_create",
        summary=_("Assign a mentor to a mentee through the gate"),
        request=AssignmentInputSerializer,
        responses={
            201: AssignmentSerializer,
            400: OpenApiResponse(
                description=_("Bad input: field errors, or a refusal with its detail and code")
            ),
            422: RefusalSerializer,
        },
    )
    def post(self, request):
        given = AssignmentInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        # A refusal (422, with every unmet reason) or a bad id or date (400) is a domain error,
        # answered by cms.errors.api_exception_handler.
        assignment = services.assignment_create(
            mentor=given.validated_data["mentor"],
            mentee=given.validated_data["mentee"],
            coordinator=request.user,
            start=given.validated_data.get("start"),
        )
        return Response(AssignmentSerializer(assignment).data, status=status.HTTP_201_CREATED)


class ApiDocsView(APIView):
    """A plain, self-contained page describing the API from its OpenAPI schema (no CDN)."""

    permission_classes = [permissions.AllowAny]
    authentication_classes = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "matching"
    schema = None

    def get(self, request):
        schema = SchemaGenerator().get_schema(request=None, public=True)
        operations = [
            {
                "method": method.upper(),
                "path": path,
                "summary": operation.get("summary", ""),
                "parameters": operation.get("parameters", []),
                "responses": sorted(operation.get("responses", {})),
            }
            for path, item in schema.get("paths", {}).items()
            for method, operation in item.items()
        ]
        return TemplateResponse(
            request._request,
            "matching/api_docs.html",
            {"schema": schema, "operations": operations},
        )
