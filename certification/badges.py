"""Open Badges 3.0: a certificate as an OpenBadgeCredential, secured as VC-JWT.

The credential follows the VC Data Model 2.0 and Open Badges 3.0 (context
3.0.3). The earner has no DID, so credentialSubject carries no id; OB 3.0
then asks for an `identifier`, and we give the name as printed (an
IdentityObject of type "name", not hashed: it is printed on the certificate).
Nothing else about the person: no e-mail, no national id, no grade.

The hours: OB 3.0 has no field for study hours (creditsAvailable means credit
hours, a different unit), so they are in the criteria narrative for people
and, for machines, a ResultDescription on the achievement ("Hours
recognised", generic resultType "Result") with the matching Result on the
subject.

JWT form (OB 3.0 §8.2): the payload is the credential plus the registered
claims iss (issuer.id), jti (id) and nbf (validFrom); no sub, since the
subject has no id. OB 3.0 allows only alg, kid, jwk and typ in the header,
and typ, if present, "JWT".
"""

import datetime
import math
import uuid
from urllib.parse import quote

from django.conf import settings
from django.db.models import Count, Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from certification import jose, keys, status_list
from certification.models import Certificate
from courses import selectors as course_selectors
from courses.models import GRADED_KINDS, Course
from programs import selectors as programs_selectors
from programs.models import User

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
SCHEMA = {
    "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
    "ob_v3p0_achievementcredential_schema.json",
    "type": "1EdTechJsonSchemaValidator2019",
}
MEDIA_TYPE = "application/jwt"
_BCP47 = {"pt-br": "pt-BR"}


def achievement_url(course_code: str) -> str:
    return f"{settings.SITE_URL}/credentials/achievements/{quote(course_code, safe='')}"


def _criteria(course: Course, *, hours: int) -> str:
    counts = course_selectors.live_activities().aggregate(
        required=Count("pk", filter=Q(module__course=course, required=True)),
        graded=Count("pk", filter=Q(module__course=course, kind__in=GRADED_KINDS)),
    )
    measured = math.ceil(hours * course.measured_share)
    lines = [
        _("Credited study time of at least %(hours)s hours in the course.") % {"hours": hours},
        _(
            "Measured active study time of at least %(measured)s hours "
            "(%(share)s%% of the required hours)."
        )
        % {"measured": measured, "share": round(course.measured_share * 100)},
        ngettext(
            "Every required activity completed (%(count)s activity).",
            "Every required activity completed (%(count)s activities).",
            counts["required"],
        )
        % {"count": counts["required"]},
    ]
    if counts["graded"]:
        lines.append(
            _("A final grade of at least %(grade)s%% of the maximum.")
            % {"grade": round(course.pass_grade * 100)}
        )
    if course.requires_tutor_signoff:
        lines.append(_("A tutor’s sign-off."))
    intro = _("The certificate is issued when all of these are met:")
    return "\n".join([intro, "", *(f"- {line}" for line in lines)])


def achievement(course: Course, *, hours: int) -> dict:
    """The Achievement the course's certificate stands for, in the course's language."""
    with translation.override(course.language):
        url = achievement_url(course.code)
        return {
            "id": url,
            "type": ["Achievement"],
            "achievementType": "Certificate",
            "name": course.title,
            "description": course.description.strip()
            or _("Certificate of the course “%(title)s”: %(hours)s hours.")
            % {"title": course.title, "hours": hours},
            "humanCode": course.code,
            "inLanguage": _BCP47.get(course.language, course.language),
            "criteria": {"narrative": _criteria(course, hours=hours)},
            "resultDescription": [
                {
                    "id": f"{url}#hours",
                    "type": ["ResultDescription"],
                    "name": _("Hours recognised"),
                    "resultType": "Result",
                    "requiredValue": str(hours),
                }
            ],
        }


def issuer_profile(certificate: Certificate) -> dict:
    return {
        "id": jose.did_web(),
        "type": ["Profile"],
        "name": certificate.programme_name,
        "url": settings.SITE_URL,
    }


def credential(certificate: Certificate) -> dict:
    """The OpenBadgeCredential of a certificate (unsigned), with the JWT claims OB asks for."""
    course = certificate.enrolment.course_run.course
    valid_from = certificate.issued_at.astimezone(datetime.UTC).replace(microsecond=0)
    issued = valid_from.strftime("%Y-%m-%dT%H:%M:%SZ")
    badge = achievement(course, hours=certificate.hours)
    issuer = issuer_profile(certificate)
    identifier = f"urn:uuid:{certificate.serial}"
    return {
        "@context": CONTEXT,
        "id": identifier,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": certificate.course_title,
        "issuer": issuer,
        "validFrom": issued,
        "awardedDate": issued,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": certificate.name_printed,
                }
            ],
            "achievement": badge,
            "result": [
                {
                    "type": ["Result"],
                    "resultDescription": badge["resultDescription"][0]["id"],
                    "value": str(certificate.hours),
                }
            ],
        },
        "credentialStatus": status_list.entry_for(certificate),
        "credentialSchema": [SCHEMA],
        # JWT claims (OB 3.0 §8.2), the same values as the credential's.
        "iss": issuer["id"],
        "jti": identifier,
        "nbf": int(valid_from.timestamp()),
    }


def signed(certificate: Certificate) -> str:
    """The certificate's OpenBadgeCredential as a compact JWS (ES256, current key)."""
    signing_key, private_key = keys.signing_key_current()
    return jose.sign(
        credential(certificate), private_key=private_key, kid=signing_key.kid, typ="JWT"
    )


def certificate_for_download(user: User, serial: uuid.UUID) -> Certificate | None:
    """A valid certificate its own official, or a manager of its programme, may download."""
    if not user.is_authenticated:
        return None
    certificate = (
        Certificate.objects.select_related("enrolment__course_run__course")
        .filter(serial=serial, status=Certificate.Status.VALID)
        .first()
    )
    if certificate is None:
        return None
    if certificate.enrolment.user_id == user.pk or programs_selectors.is_manager_of(
        user, certificate.enrolment.course_run.programme_id
    ):
        return certificate
    return None


def achievement_for_code(course_code: str) -> dict | None:
    """The public Achievement of a course that has issued certificates, else None."""
    latest = (
        Certificate.objects.select_related("enrolment__course_run__course")
        .filter(course_code=course_code)
        .order_by("-issued_at")
        .first()
    )
    if latest is None:
        return None
    return achievement(latest.enrolment.course_run.course, hours=latest.hours)
