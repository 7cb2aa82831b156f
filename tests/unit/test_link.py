"""Linker cases: contacts, threads, platforms, shared domains, look-alikes, corrections."""

from __future__ import annotations

from mailsync.link import LinkCorrections, Linker, link
from mailsync.programs import Contact, Program
from mailsync.taxonomy import Kind

from .test_classify_helpers import msg

PROGRAMS = [
    Program(program_id="A1", name="Ridgeway Emergency Medicine Residency",
            institution="Ridgeway University Hospital", specialty="Emergency Medicine",
            email_domains=("ridgeway.org", "ridgeway.edu"), pd_name="Dr. Harlan Voss",
            pd_email="hvoss@ridgeway.org", coordinator_name="Tess Ford",
            coordinator_email="tford@ridgeway.org"),
    Program(program_id="A2", name="Ridgeway Pediatrics Residency",
            institution="Ridgeway University Hospital", specialty="Pediatrics",
            email_domains=("ridgeway.org", "ridgeway.edu"), pd_name="Dr. Mara Lind",
            pd_email="mlind@ridgeway.org", coordinator_name="Tess Ford",
            coordinator_email="tford@ridgeway.org"),
    Program(program_id="A3", name="Ridgeway Internal Medicine Residency (Preliminary)",
            institution="Ridgeway University Hospital", specialty="Internal Medicine",
            track="Preliminary", email_domains=("ridgeway.org",), pd_name="Dr. Olu Bade",
            pd_email="obade@ridgeway.org"),
    Program(program_id="B1", name="Northfield Family Medicine Residency",
            institution="Northfield Medical Center", specialty="Family Medicine",
            email_domains=("northfieldmc.org",), pd_name="Dr. Ada Quinn",
            pd_email="aquinn@northfieldmc.org",
            contacts=(Contact(role="apd", name="Ben Ode", email="bode@nfhealth.com"),)),
]


def test_known_contact() -> None:
    assert link(msg("Hello", sender="aquinn@northfieldmc.org"), PROGRAMS).program_id == "B1"
    assert link(msg("Hi", sender="bode@nfhealth.com"), PROGRAMS).program_id == "B1"


def test_shared_contact_disambiguated_by_specialty() -> None:
    m = msg("Thank you for applying to the Pediatrics Residency. You are on our waitlist.",
            subject="Peds interview status", sender="tford@ridgeway.org")
    assert link(m, PROGRAMS).program_id == "A2"


def test_shared_domain_abbreviations() -> None:
    m = msg("Our EM residents are hosting trivia night.", subject="EM trivia",
            sender="emresidency@ridgeway.org")
    assert link(m, PROGRAMS).program_id == "A1"
    m = msg("Regarding the IM prelim position.", subject="IM prelim",
            sender="gme@ridgeway.org")
    assert link(m, PROGRAMS).program_id == "A3"


def test_institution_wide_mail_stays_unlinked() -> None:
    m = msg("A visa information session for applicants to all Ridgeway residency programs.",
            subject="Visa session", sender="gme@ridgeway.org")
    result = link(m, PROGRAMS)
    assert result.program_id is None and result.reasons[0].cue == "link.domain.ambiguous"


def test_platform_names_program_in_body() -> None:
    m = msg("Northfield Medical Center – Family Medicine Residency has invited you to "
            "interview.", subject="Interview invitation", sender="no-reply@thalamusgme.com")
    assert link(m, PROGRAMS).program_id == "B1"
    m2 = msg("Ridgeway University Hospital – Pediatrics has placed you on its waitlist.",
             sender="notifications@matchslate.io")
    assert link(m2, PROGRAMS).program_id == "A2"


def test_lookalike_domain_and_name_do_not_link() -> None:
    m = msg("Ridgeway Regional Medical Center Family Medicine: you are on our waitlist.",
            sender="fm@ridgewayregional.org")
    assert link(m, PROGRAMS).program_id is None
    m2 = msg("Hello", sender="hvoss@ridgeway.org.evil.com")
    assert link(m2, PROGRAMS).program_id is None


def test_unknown_platform_program_stays_unlinked() -> None:
    m = msg("Ironwood Valley Anesthesiology has invited you to interview.",
            sender="no-reply@thalamusgme.com")
    assert link(m, PROGRAMS).program_id is None


def test_thread_links_and_corrections_win() -> None:
    m = msg("Confirmed for Tuesday.", sender="scheduler@unknown-platform.com",
            in_reply_to="<parent@x>", message_id="<child@x>")
    assert link(m, PROGRAMS, thread_links={"<parent@x>": "A2"}).program_id == "A2"
    fix = LinkCorrections(by_thread={"<parent@x>": "A3"})
    assert link(m, PROGRAMS, corrections=fix,
                thread_links={"<parent@x>": "A2"}).program_id == "A3"
    by_sender = LinkCorrections(by_sender={"aquinn@northfieldmc.org": "A1"})
    assert link(msg("Hi", sender="aquinn@northfieldmc.org"), PROGRAMS,
                corrections=by_sender).program_id == "A1"


def test_other_and_national_mail_stay_unlinked() -> None:
    m = msg("Ridgeway Emergency Medicine Residency is great!", sender="hvoss@ridgeway.org")
    assert link(m, PROGRAMS, kind=Kind.OTHER).program_id is None
    n = msg("Ridgeway University Hospital Pediatrics received your documents.",
            sender="myeras@aamc.org")
    assert link(n, PROGRAMS).program_id is None


def test_forward_from_applicants_old_address_uses_original_sender() -> None:
    text = ("---------- Forwarded message ---------\nFrom: Ada Quinn <aquinn@northfieldmc.org>\n"
            "Date: Nov 4\nSubject: Interview\n\nWe would like to invite you to interview.")
    m = msg(text, subject="Fwd: Interview", sender="amina@oldschool.edu")
    assert link(m, PROGRAMS).program_id == "B1"


def test_linker_reuses_indexes() -> None:
    linker = Linker(PROGRAMS)
    assert linker.link(msg("x", sender="obade@ridgeway.org")).program_id == "A3"
    assert linker.link(msg("x", sender="nobody@nowhere.org")).program_id is None


def test_cached_linker_notices_a_grown_list_and_equal_copies() -> None:
    programs = list(PROGRAMS[:1])
    assert link(msg("x", sender="aquinn@northfieldmc.org"), programs).program_id is None
    programs.append(PROGRAMS[3])
    assert link(msg("x", sender="aquinn@northfieldmc.org"), programs).program_id == "B1"
    assert link(msg("x", sender="aquinn@northfieldmc.org"), list(programs)).program_id == "B1"


def test_platform_names_the_program_not_the_institution() -> None:
    m = msg("Northfield Family Medicine Residency has invited you to interview.",
            sender="notifications@rezbook.app")
    assert link(m, PROGRAMS).program_id == "B1"


TRACKS = [
    Program(program_id="S1", name="Harbor Point General Surgery Residency",
            institution="Harbor Point Medical Center", specialty="General Surgery",
            track="Categorical", email_domains=("hpmc.org",), pd_name="Dr. Rue Alder",
            pd_email="ralder@hpmc.org", coordinator_name="Lena Moss",
            coordinator_email="lmoss@hpmc.org"),
    Program(program_id="S2", name="Harbor Point Preliminary Surgery Program",
            institution="Harbor Point Medical Center", specialty="General Surgery",
            track="Preliminary", email_domains=("hpmc.org",), pd_name="Dr. Ivo Brandt",
            pd_email="ibrandt@hpmc.org", coordinator_name="Lena Moss",
            coordinator_email="lmoss@hpmc.org"),
    Program(program_id="S3", name="Harbor Point Anesthesiology Residency",
            institution="Harbor Point Medical Center", specialty="Anesthesiology",
            track="Categorical", email_domains=("hpmc.org",), pd_name="Dr. Cas Wren",
            pd_email="cwren@hpmc.org"),
]


def test_plain_specialty_means_the_categorical_track() -> None:
    m = msg("Our residents presented eleven abstracts this fall.",
            subject="Harbor Point Surgery newsletter", sender="surgery@hpmc.org")
    result = link(m, TRACKS)
    assert result.program_id == "S1"
    assert result.reasons[0].cue == "link.domain.categorical"


def test_a_contact_shared_by_two_tracks_defaults_to_categorical() -> None:
    m = msg("Directions for Friday: park in garage B, level 3.", subject="Directions",
            sender="lmoss@hpmc.org")
    assert link(m, TRACKS).program_id == "S1"


def test_the_other_track_named_blocks_the_default() -> None:
    m = msg("Dr. Brandt asked me to confirm your preliminary year interview.",
            subject="Surgery interview", sender="surgery@hpmc.org")
    assert link(m, TRACKS).program_id == "S2"
    m = msg("Which of our surgery tracks, categorical or preliminary, interests you more?",
            subject="A question", sender="surgery@hpmc.org")
    assert link(m, TRACKS).program_id != "S1"


def test_institution_wide_mail_of_several_specialties_stays_open() -> None:
    m = msg("A visa information session for all applicants.", subject="Visa session",
            sender="gme@hpmc.org")
    assert link(m, TRACKS).program_id is None


def test_the_full_program_name_is_evidence() -> None:
    m = msg("Welcome! Harbor Point Anesthesiology Residency will host a virtual social.",
            subject="Social night", sender="gme@hpmc.org")
    assert link(m, TRACKS).program_id == "S3"


def test_a_relay_naming_the_institution_by_its_short_name_links() -> None:
    """Voicemail transcripts, forwarded texts and residents' notes call a hospital by its
    short name and a specialty ("Northfield family medicine"); the name alone (a town) and
    a different institution with the same first word ("Northfield Regional") do not link."""
    voicemail = msg('Transcription: "Hi, this is Tess calling from Northfield family medicine '
                    'to confirm your interview on Wednesday."', subject="New voicemail",
                    sender="voicemail@voicerelay.example")
    assert link(voicemail, PROGRAMS).program_id == "B1"
    text = msg("hey its Sam, PGY2 at Northfield Family Medicine - everyone loved you at the "
               "interview!", subject="Text message", sender="sms@textrelay.example")
    assert link(text, PROGRAMS).program_id == "B1"
    town = msg("hey its Sam! greetings from Northfield, the snow is finally here. how was the "
               "interview season?", subject="Text message", sender="sms@textrelay.example")
    assert link(town, PROGRAMS).program_id is None
    other = msg("Greetings from Northfield Regional Hospital, where our family medicine "
                "residency is recruiting.", subject="Interview invitation",
                sender="gme@northfieldregional.example")
    assert link(other, PROGRAMS).program_id is None


def test_med_peds_and_a_primary_care_track_have_their_words() -> None:
    programs = [
        Program(program_id="K1", name="Kestrel Pediatrics Residency", institution="Kestrel "
                "University Medical Center", specialty="Pediatrics", track="Categorical",
                email_domains=("kumc.example",)),
        Program(program_id="K2", name="Kestrel Internal Medicine-Pediatrics Residency",
                institution="Kestrel University Medical Center",
                specialty="Internal Medicine-Pediatrics", track="Categorical",
                email_domains=("kumc.example",)),
        Program(program_id="K3", name="Kestrel Pediatrics - Primary Care Track",
                institution="Kestrel University Medical Center", specialty="Pediatrics",
                track="Primary Care", email_domains=("kumc.example",)),
    ]
    med_peds = msg("Our Med-Peds residents loved meeting you.", subject="Med-Peds social",
                   sender="apd@kumc.example")
    assert link(med_peds, programs).program_id == "K2"
    track = msg("Do you want to be considered for the Primary Care track as well?",
                subject="Primary Care Track - please confirm", sender="coord@kumc.example")
    assert link(track, programs).program_id == "K3"
