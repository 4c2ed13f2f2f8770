"""Version 1 of the terms of use and the privacy notice, in English and Danish: a starting point that
the organisation running the site replaces with its own (a new version in the admin)."""

from django.db import migrations
from django.utils import timezone

TERMS_EN = """These terms apply to everyone who uses this co-creation platform.

## What the platform is for
Public agencies open **arenas** here around public problems and invite the people the problems affect.
You take part in threads, sessions and the testing of prototypes.

## What you may and may not do
- Write in your own name and about the topic of the arena.
- Be respectful: no harassment, threats, hate speech, spam or advertising.
- Do not share other people's personal data (phone numbers, addresses, health) without their consent.
- Facilitators may hide posts that break these terms or an arena's rules; repeated breaches can lead to
  a ban from an arena.

## What you write
You keep the rights to what you write. By posting, you allow the platform and the arena's conveners to
show it, quote it in summaries and reports, and publish it as open data without your name.
If you delete your account, what you wrote stays, shown as by "Deleted participant".

## Changes
When these terms change, you are asked to accept the new version the next time you use the site.
"""

TERMS_DA = """Disse vilkår gælder for alle, der bruger denne samskabelsesplatform.

## Hvad platformen er til
Offentlige myndigheder åbner her **arenaer** om offentlige problemer og inviterer de mennesker, som
problemerne berører. Du deltager i tråde, møder og afprøvning af prototyper.

## Hvad du må og ikke må
- Skriv i eget navn og om arenaens emne.
- Vær respektfuld: ingen chikane, trusler, hadefuld tale, spam eller reklame.
- Del ikke andres personoplysninger (telefonnumre, adresser, helbred) uden deres samtykke.
- Facilitatorer kan skjule indlæg, der bryder disse vilkår eller en arenas regler; gentagne brud kan
  føre til udelukkelse fra en arena.

## Det du skriver
Du beholder rettighederne til det, du skriver. Når du skriver, giver du platformen og arenaens
tovholdere lov til at vise det, citere det i opsummeringer og rapporter og offentliggøre det som åbne
data uden dit navn. Sletter du din konto, bliver det, du skrev, stående som skrevet af "Slettet deltager".

## Ændringer
Når vilkårene ændres, bliver du bedt om at acceptere den nye version, næste gang du bruger siden.
"""

PRIVACY_EN = """This notice says which personal data the platform keeps about you, why, and what your rights are
under the GDPR.

## What we keep
- Your account: email address, name (if you give one), handle, language and time zone, and when you
  signed in.
- What you do: memberships of arenas and your role, posts and their revisions, endorsements, flags,
  feedback on prototypes, registrations and your notification settings.
- Which version of the terms and this notice you accepted, and when.

## Why
To run the arenas you take part in, to tell you what happens there, and to keep the platform safe.
The organisation running an arena sees its members and what they write there.

## How long
As long as you have an account. An account nobody has signed in to for 24 months is deleted, after a
warning by email 30 days before.

## Your rights
- **Access and portability**: download all your data from *Settings → Download my data*.
- **Erasure**: delete your account from *Settings → Delete my account*. Your name, email address, handle
  and settings are deleted; what you wrote stays, shown as by "Deleted participant".
- **Correction**: change your name, handle and language in *Settings*.
- You can complain to the Danish Data Protection Agency (Datatilsynet).
"""

PRIVACY_DA = """Denne erklæring fortæller, hvilke personoplysninger platformen gemmer om dig, hvorfor, og hvilke
rettigheder du har efter databeskyttelsesforordningen (GDPR).

## Hvad vi gemmer
- Din konto: e-mailadresse, navn (hvis du oplyser det), brugernavn, sprog og tidszone, og hvornår du
  loggede ind.
- Det du gør: medlemskaber af arenaer og din rolle, indlæg og deres ændringer, tilslutninger,
  anmeldelser, feedback på prototyper, tilmeldinger og dine indstillinger for notifikationer.
- Hvilken version af vilkårene og denne erklæring du har accepteret, og hvornår.

## Hvorfor
For at drive de arenaer, du deltager i, fortælle dig, hvad der sker i dem, og holde platformen sikker.
Den organisation, der driver en arena, kan se dens medlemmer og det, de skriver der.

## Hvor længe
Så længe du har en konto. En konto, som ingen har logget ind på i 24 måneder, slettes efter en advarsel
på e-mail 30 dage før.

## Dine rettigheder
- **Indsigt og dataportabilitet**: hent alle dine data under *Indstillinger → Download mine data*.
- **Sletning**: slet din konto under *Indstillinger → Slet min konto*. Dit navn, din e-mailadresse, dit
  brugernavn og dine indstillinger slettes; det, du skrev, bliver stående som skrevet af "Slettet deltager".
- **Berigtigelse**: ret dit navn, brugernavn og sprog under *Indstillinger*.
- Du kan klage til Datatilsynet.
"""

DOCUMENTS = [
    ("terms", {"en": ("Terms of use", TERMS_EN), "da": ("Vilkår for brug", TERMS_DA)}),
    ("privacy", {"en": ("Privacy notice", PRIVACY_EN), "da": ("Privatlivserklæring", PRIVACY_DA)}),
]


def _paragraphs(text: str) -> str:
    """The texts above are wrapped for reading here; the site's Markdown keeps line breaks, so the
    lines of a paragraph or a list item are joined."""
    lines: list[str] = []
    for line in text.splitlines():
        starts_anew = not line.strip() or line.startswith(("#", "- ")) or not lines or not lines[-1].strip()
        if starts_anew or lines[-1].startswith("#"):
            lines.append(line)
        else:
            lines[-1] = f"{lines[-1]} {line.strip()}"
    return "\n".join(lines) + "\n"


def first_versions(apps, schema_editor):
    LegalDocument = apps.get_model("legal", "LegalDocument")
    LegalText = apps.get_model("legal", "LegalText")
    for kind, texts in DOCUMENTS:
        if LegalDocument.objects.filter(kind=kind).exists():
            continue
        document = LegalDocument.objects.create(kind=kind, version=1, effective_at=timezone.now())
        for language, (title, body) in texts.items():
            LegalText.objects.create(document=document, language=language, title=title, body=_paragraphs(body))


class Migration(migrations.Migration):
    dependencies = [("legal", "0001_initial")]

    operations = [migrations.RunPython(first_versions, migrations.RunPython.noop)]
