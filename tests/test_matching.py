"""The matcher on the real FAQ: both languages, typos, bands, long messages, out of scope."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.matching import DEFAULT_THRESHOLDS, Band, Matcher
from bot.model import Lang
from bot.validation import check_faq
from conftest import REAL_FAQ, TODAY


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    faq = check_faq(REAL_FAQ, TODAY, collisions=False).faq
    assert faq is not None
    return Matcher(faq)


@pytest.mark.parametrize(
    ("text", "entry_id", "lang"),
    [
        ("ICE is at my door", "ice-at-door", Lang.EN),
        ("la migra está en mi puerta", "ice-at-door", Lang.ES),
        ("LA MIGRA ESTA EN MI PUERTAAAA!!!", "ice-at-door", Lang.ES),
        ("they arrested my husband", "detained", Lang.EN),
        ("se llevaron a mi esposo", "detained", Lang.ES),
        ("immigration is raiding my job right now", "workplace-raid", Lang.EN),
    ],
)
def test_emergencies_take_the_urgent_band(matcher: Matcher, text: str, entry_id: str, lang: Lang) -> None:
    result = matcher.match(text)
    assert (result.band, result.entry_id, result.lang) == (Band.URGENT, entry_id, lang)


@pytest.mark.parametrize(
    ("text", "entry_id", "lang"),
    [
        ("what is the deadline to apply for asylum", "asylum-deadline", Lang.EN),
        ("cuanto tiempo tengo para pedir asilo", "asylum-deadline", Lang.ES),
        ("fianza", "bond", Lang.ES),
        ("how do i check my court date", "court-date", Lang.EN),
        ("como reviso mi fecha de corte", "court-date", Lang.ES),
        ("wat is a notis to apear", "notice-to-appear", Lang.EN),
        ("me pueden negar la escuela a mis hijos sin papeles", "school", Lang.ES),
    ],
)
def test_clear_questions_are_answered(matcher: Matcher, text: str, entry_id: str, lang: Lang) -> None:
    result = matcher.match(text)
    assert result.band is Band.ANSWER, result
    assert (result.entry_id, result.lang) == (entry_id, lang)
    assert result.suggestions == ()


@pytest.mark.parametrize(
    "text",
    [
        "how do I get a divorce",
        "what's the weather tomorrow",
        "asdfgh qwerty",
        "receta de tamales de puerco",
        "who won the lakers game",
    ],
)
def test_out_of_scope_is_not_answered(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).band in (Band.NONE, Band.SUGGEST)


@pytest.mark.parametrize(
    "text",
    [
        "mi jefe me quiere patrocinar una visa de trabajo",
        "quiero divorciarme, cuanto cobran",
        "can I apply for citizenship if I had a DUI",
        "I want to renew my Guatemalan passport",  # "renew my passport" with one more word inside
        "Datos: Rosa, 14900 Sherman Way apt 3. Mi casero me dejó un aviso de 3 días para salirme. ¿Qué hago?",  # not an arrest
    ],
)
def test_words_of_another_legal_area_keep_a_message_out(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).band is Band.NONE


def test_an_emergency_with_a_word_of_another_legal_area_is_still_offered(matcher: Matcher) -> None:
    result = matcher.match("la migra se llevó a mi esposo y estamos en medio del divorcio, donde lo tienen")
    # "donde lo tienen" asks where he is held: finding him comes first, and that entry leads to "detained".
    assert result.entry_id in ("detained", "find-detainee") or result.suggestions[0] in ("detained", "find-detainee")


def test_emoji_and_empty_messages_are_none(matcher: Matcher) -> None:
    for text in ("", "   ", "🙏🙏🙏", "???"):
        result = matcher.match(text)
        assert (result.band, result.entry_id, result.score) == (Band.NONE, None, 0.0)


def test_suggest_offers_at_most_three_candidates(matcher: Matcher) -> None:
    result = matcher.match("asylum")
    assert result.band in (Band.ANSWER, Band.SUGGEST)
    vague = matcher.match("papers problem help")
    assert len(vague.suggestions) <= 3
    if vague.band is Band.SUGGEST:
        assert vague.entry_id is None and vague.suggestions


def test_question_at_the_end_of_a_long_story(matcher: Matcher) -> None:
    story = (
        "Hola, buenas tardes. Llegamos a Los Angeles hace varios anos con mis dos hijos. "
        "Mi esposo trabaja en construccion y yo limpio casas. Todo estaba bien hasta ahora. "
    ) * 12
    question = "La semana pasada me llego una carta de la corte de inmigracion. Como puedo ver la fecha de mi audiencia?"
    result = matcher.match(story + question)
    assert len(story + question) > 2000
    assert (result.band, result.entry_id, result.lang) == (Band.ANSWER, "court-date", Lang.ES)


def test_message_at_telegram_limit_is_handled(matcher: Matcher) -> None:
    text = ("la migra " * 500)[:4096]
    result = matcher.match(text)
    assert result.band in Band


@pytest.mark.parametrize(
    ("text", "fallback", "lang"),
    [
        ("ICE", Lang.ES, Lang.ES),
        ("ICE", Lang.EN, Lang.EN),
        ("asilo", Lang.EN, Lang.ES),
        ("lawyer", Lang.ES, Lang.EN),
        ("mi husband fue arrested por ICE", Lang.EN, Lang.ES),
        ("my esposo was taken by la migra what do I do", Lang.ES, Lang.EN),
        ("¿Qué?", Lang.EN, Lang.ES),
    ],
)
def test_language_detection(matcher: Matcher, text: str, fallback: Lang, lang: Lang) -> None:
    assert matcher.match(text, fallback=fallback).lang is lang


def test_typos_are_forgiven(matcher: Matcher) -> None:
    clean = matcher.match("how much does asylum cost")
    typo = matcher.match("how mcuh does asilum cots")
    assert clean.entry_id == "asylum-fees" or "asylum-fees" in clean.suggestions
    assert typo.ranking[0][0] == clean.ranking[0][0]


def test_thresholds_are_ordered() -> None:
    t = DEFAULT_THRESHOLDS
    assert t.suggest < t.urgent <= t.answer < t.sure <= 100
    assert t.suggest < t.backed <= t.answer and 0.5 < t.backed_probability <= 1


def test_exclude_leaves_one_phrasing_out(matcher: Matcher) -> None:
    entry = matcher.faq.by_id["bond"]
    phrasing = entry.questions[Lang.EN][0]
    with_it = matcher.match(phrasing)
    without = matcher.match(phrasing, exclude=("bond", Lang.EN, 0))
    assert with_it.score >= without.score


def test_typo_correction_changes_one_letter_or_two_in_long_words(matcher: Matcher) -> None:
    assert matcher._correct("abogadp") in ("abogado", "abogada")
    assert matcher._correct("deprotacoin") == "deportacion"  # two slips in a long word
    assert matcher._correct("tenant") == "tenant"  # a real word, two letters away from "tengan"
    assert matcher._correct("weather") == "weather"  # not "whether"


def test_spanish_verbs_with_a_pronoun_read_like_the_verb(matcher: Matcher) -> None:
    assert matcher._content("me quieren arrestar") == matcher._content("quieren arrestarme")
    assert matcher._content("hay que avisar") == matcher._content("hay que avisarle")


@pytest.mark.parametrize(
    "text",
    [
        "hola soy maria",  # "maria" is one slip from "mara"
        "me llamo Dolores",  # "llamo" is "call", "dolores" one slip from "dolares"
        "Angel",  # stems like "Los Angeles"
        "Luz",  # a word of one FAQ phrasing
        "Salvador",
        "my name is John",
        "this is Maria",
        "Maria Lopez",
        "buenos dias, me llamo Angel Cruz",
        "mi nombre es Yesenia Garcia",
        "hi im jennifer",
        "hola",
        "buenas tardes",
    ],
)
def test_names_and_greetings_are_never_answered(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).band is Band.NONE


@pytest.mark.parametrize("name", ["Dolores", "Socorro", "Angel", "Maria", "Luz", "Mercedes", "Consuelo", "Jesus", "Guadalupe"])
@pytest.mark.parametrize("greeting", ["{}", "hola, soy {}", "me llamo {}", "hi, this is {}", "my name is {}"])
def test_a_greeting_never_takes_the_urgent_band(matcher: Matcher, greeting: str, name: str) -> None:
    assert matcher.match(greeting.format(name)).band is not Band.URGENT


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("me llamo Dolores y la migra esta en mi puerta", "ice-at-door"),
        ("Hi, I'm Angel, ICE took my husband", "detained"),
        ("soy de El Salvador, que pasa con el tps", "tps"),
    ],
)
def test_a_name_does_not_hide_the_question_after_it(matcher: Matcher, text: str, entry_id: str) -> None:
    result = matcher.match(text)
    assert result.entry_id == entry_id or entry_id in result.suggestions


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("cita", Lang.ES),  # turns up in an English phrasing, but is Spanish
        ("corte", Lang.ES),
        ("migra", Lang.ES),
        ("jale", Lang.ES),
        ("fianza", Lang.ES),
        ("cita gratis", Lang.ES),
        ("fecha de corte", Lang.ES),
        ("me llamo Dolores", Lang.ES),
        ("bond", Lang.EN),  # turns up in Spanish phrasings ("el bond"), but is English
        ("school", Lang.EN),
        ("police", Lang.EN),
        ("warrant", Lang.EN),
        ("work permit", Lang.EN),
        ("court date", Lang.EN),
    ],
)
@pytest.mark.parametrize("fallback", [Lang.EN, Lang.ES])
def test_one_and_two_word_messages_get_their_language(matcher: Matcher, text: str, lang: Lang, fallback: Lang) -> None:
    assert matcher.match(text, fallback=fallback).lang is lang


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("migra en el jale ayuda", "workplace-raid"),  # "ayuda" beside other words is only a plea
        ("ICE is at my job help", "workplace-raid"),
        ("help", "emergency-contacts"),  # alone, it is the emergency
        ("ayuda", "emergency-contacts"),
    ],
)
def test_a_plea_for_help_does_not_choose_the_emergency(matcher: Matcher, text: str, entry_id: str) -> None:
    result = matcher.match(text)
    assert (result.band, result.entry_id) == (Band.URGENT, entry_id)


@pytest.mark.parametrize(
    "text",
    ["where is my husband, ICE took him", "donde tienen a mi esposo detenido", "where is my son being held"],
)
def test_where_is_someone_taken_finds_the_detainee_and_offers_the_emergency(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert result.entry_id == "find-detainee"
    assert "detained" in matcher.faq.by_id["find-detainee"].related


@pytest.mark.parametrize(
    "text",
    [
        "how do I become a notary public",  # notary services, not notario fraud
        "where can i get a letter notarized",
        "my 10 year green card is about to expire",  # green cards other than through asylum
        "se me vencio la mica, como la renuevo",
        "how do i enter the green card lottery",
        "my landlord wants to evict me",
    ],
)
def test_one_strong_faq_word_in_another_legal_area_is_not_answered(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).band not in (Band.ANSWER, Band.URGENT)


def test_a_question_about_another_area_is_not_answered_from_its_context(matcher: Matcher) -> None:
    asked = matcher.match("How do I apply for citizenship? I have had my green card for 6 years")
    assert asked.band not in (Band.ANSWER, Band.URGENT)
    # ... but a story that mentions another area does not hide an in-scope question.
    story = matcher.match("My grandma has to go to court for a traffic ticket. Can ICE arrest her at the courthouse?")
    assert story.entry_id == "protected-places" or "protected-places" in story.suggestions


def test_texting_spellings_read_like_the_words(matcher: Matcher) -> None:
    assert matcher._content("mi hermana lleva 11 meses aki y kiere asilo, cuanto tiempo le keda") == matcher._content(
        "mi hermana lleva 11 meses aqui y quiere asilo, cuanto tiempo le queda"
    )
    assert matcher._content("q paso con el tps d honduras, ya lo kitaron") == matcher._content("que paso con el tps de honduras, ya lo quitaron")
    assert matcher._content("se paga x pedir asilo") == matcher._content("se paga por pedir asilo")
    assert matcher._content("i missed court bc i was sick rn") == matcher._content("i missed court i was sick")


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("with withholding can i ever get a green card", "withholding-cat"),  # not the asylee green card
        ("tengo withholding, me puedo hacer residente?", "withholding-cat"),
        ("am I free to go", "stopped-in-public"),
        ("will the ER ask if im undocumented", "health-care"),
        ("where do i park when i come to the office", "office-info"),
        ("where is my husband being held", "find-detainee"),
    ],
)
def test_near_neighbours_are_told_apart(matcher: Matcher, text: str, entry_id: str) -> None:
    result = matcher.match(text)
    assert (result.band, result.entry_id) == (Band.ANSWER, entry_id)


@pytest.mark.parametrize(
    "text",
    [
        "Soy residente, puedo pedir a mi hijo que vive en Zacatecas?",
        "my husband is a citizen, how do I get my green card through him",
        "cuanto cuesta renovar la mica",
    ],
)
def test_entries_that_require_asylum_are_not_answered_for_other_processes(matcher: Matcher, text: str) -> None:
    match = matcher.match(text)
    assert not (match.band is Band.ANSWER and match.entry_id and match.entry_id.startswith("asylum-")), match


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("me dieron asilo, cuando puedo sacar la residencia", "asylum-green-card"),
        ("I won my asylum case, when can I apply for a green card", "asylum-green-card"),
        ("can I add my kids to my asylum application", "asylum-family"),
    ],
)
def test_the_same_entries_are_answered_when_asylum_is_named(matcher: Matcher, text: str, entry_id: str) -> None:
    match = matcher.match(text)
    assert (match.band, match.entry_id) == (Band.ANSWER, entry_id)


@pytest.mark.parametrize(
    "text",
    [
        "hello, I'm texting for my grandma",  # who the writer speaks for is no question
        "buenas, le escribo por mi tía",
        "buenas tardes licenciada",  # greeting the lawyer is not asking about lawyers
        "this is Rosa from the church on Main",
    ],
)
def test_introductions_of_who_writes_are_not_answered(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).band in (Band.NONE, Band.SUGGEST)


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("I'm writing for my dad, ICE took him this morning at work", "detained"),
        ("guardan lo que pongo en este chat? no quiero que inmigracion se entere ni lo sepa", "confidentiality"),  # 'sepa' is no 'depa'
        ("oye vos tengo derecho a no decir nada si me para la migra?", "remain-silent"),
        ("cayeron los de la migra en la fabrica ahorita", "workplace-raid"),
    ],
)
def test_spoken_ways_of_saying_things(matcher: Matcher, text: str, entry_id: str) -> None:
    assert matcher.match(text).entry_id == entry_id


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("que le digo a la migra si me pregunta donde naci", "remain-silent"),  # 'digo' is 'decir'
        ("puedo llevar a mi hija a emergencias si no tenemos papeles", "health-care"),
        ("me dieron una citacion para ir a la corte de inmigracion, que es eso", "notice-to-appear"),
    ],
)
def test_verb_forms_and_places_people_name(matcher: Matcher, text: str, entry_id: str) -> None:
    assert matcher.match(text).entry_id == entry_id


@pytest.mark.parametrize("text", ["thanks, that actually helped a lot", "ok thank you that was really helpful"])
def test_thanks_are_no_emergency(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).band is not Band.URGENT


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("would you report me to immigration if i tell you how i crossed", "confidentiality"),  # the office, not the police
        ("cuando tengo corte? se me perdio el papel", "court-date"),  # 'corte' alone is the court date
        ("can ICE arrest me at the courthouse", "protected-places"),
    ],
)
def test_who_reports_and_which_court_question(matcher: Matcher, text: str, entry_id: str) -> None:
    assert matcher.match(text).entry_id == entry_id


def test_politeness_carries_no_topic(matcher: Matcher) -> None:
    plain = matcher.match("me pueden dar una cita para hablar de mi caso")
    polite = matcher.match("disculpe la molestia, me pueden dar una cita para hablar de mi caso")
    assert polite.entry_id == plain.entry_id == "free-consultation"


def test_spanish_plural_verbs_fold_like_the_singular() -> None:
    from bot.text import stem

    assert stem("preguntan") == stem("pregunta")
    assert stem("agarran") == stem("agarra")
    assert stem("american") == "american" and stem("happen") == "happen"  # English keeps its "-an", "-en"


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("si los agentes me preguntan de donde vengo les tengo que contestar", "remain-silent"),
        ("a mi hermano lo echaron pa fuera hace tiempo y se regreso, le perjudica?", "prior-deportation"),
    ],
)
def test_how_people_ask_about_questions_and_past_deportations(matcher: Matcher, text: str, entry_id: str) -> None:
    assert matcher.match(text).entry_id == entry_id


@pytest.mark.parametrize("text", ["who qualifies for asylum here", "quienes pueden pedir asilo en este pais"])
def test_who_can_ask_for_asylum_is_the_basics(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).entry_id == "asylum-basics"


def test_someone_granted_asylum_asking_about_residency_is_the_green_card(matcher: Matcher) -> None:
    assert matcher.match("they granted me asylum last year, can i get residency now?").entry_id == "asylum-green-card"


@pytest.mark.parametrize("text", ["¿Ustedes están contratando?", "are you hiring", "aceptan efectivo"])
def test_questions_about_jobs_or_cash_are_not_answered_with_an_entry(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).band not in (Band.ANSWER, Band.URGENT)


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("they held a paper up to the window says warrant for arrest of alien, does that let them come in or nah", "warrants"),
        ("llegue hace 8 meses me pueden sacar luego luego?", "expedited-removal"),
        ("My grandpa thinks because LA is a sanctuary city nobody can get deported here. Is that true?", "sanctuary"),
    ],
)
def test_middling_evidence_is_answered_when_bayes_has_no_doubt(matcher: Matcher, text: str, entry_id: str) -> None:
    result = matcher.match(text)
    assert (result.band, result.entry_id) == (Band.ANSWER, entry_id)
    assert DEFAULT_THRESHOLDS.backed <= result.score < DEFAULT_THRESHOLDS.answer
    unbacked = Matcher(matcher.faq, replace(DEFAULT_THRESHOLDS, backed_probability=1.01)).match(text)
    assert unbacked.band is Band.SUGGEST and unbacked.suggestions[0] == entry_id


@pytest.mark.parametrize(
    "text",
    [
        "where can i play tennis, which court is free",  # mostly words the FAQ never uses
        "can I travel to mexico with daca advance parole",  # another immigration process
    ],
)
def test_bayes_alone_never_answers_out_of_scope(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).band not in (Band.ANSWER, Band.URGENT)


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("q es la notificacion d comparecencia", "notice-to-appear"),  # "d" spelled out meets the vocabulary's phrase
        ("visa u requisitos", "crime-victim"),  # ... and "u" is spelled out on both sides alike
        ("do i have to tell ice where im from", "remain-silent"),  # the birthplace question, not "where is"
        ("es malo decir que soy ciudadano si me preguntan?", "false-documents"),
        ("we're moving to Riverside next month, do I have to tell the immigration court", "change-address"),
        ("cuanto cobra el gobierno por pedir asilo", "asylum-fees"),
        ("ustedes le pasan mi info a la migra", "confidentiality"),
    ],
)
def test_texting_shorthand_and_everyday_phrasings(matcher: Matcher, text: str, entry_id: str) -> None:
    result = matcher.match(text)
    assert (result.band, result.entry_id) == (Band.ANSWER, entry_id), result


@pytest.mark.parametrize(
    "text",
    [
        "can i get a green card if i marry a citizen",
        "Can you help me with my taxes? I have an ITIN.",
        "Can I petition for my mom in Mexico? I'm a US citizen",  # the statement alone is not the question
    ],
)
def test_near_misses_from_other_processes_are_not_answered(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).band not in (Band.ANSWER, Band.URGENT)


def test_a_statement_beside_a_question_still_counts_with_it(matcher: Matcher) -> None:
    result = matcher.match("ICE is at my door. What do I do?")
    assert (result.band, result.entry_id) == (Band.URGENT, "ice-at-door")


@pytest.mark.parametrize(
    ("text", "without"),
    [
        ("there are ice trucks parked on sherman way right now, where do i report this", "there are ice trucks parked on way right now, where do i report this"),
        ("ICE trucks outside the Northgate in Pacoima right now, where do i report this", "ICE trucks outside the in right now, where do i report this"),
    ],
)
def test_places_named_in_passing_neither_help_nor_hurt(matcher: Matcher, text: str, without: str) -> None:
    result, plain = matcher.match(text), matcher.match(without)
    assert (result.band, result.entry_id) == (plain.band, plain.entry_id) == (Band.ANSWER, "report-raid")
    assert result.score == pytest.approx(plain.score)


def test_requires_accepts_the_word_as_understood_not_only_as_typed(matcher: Matcher) -> None:
    # Voice typing splits "asilo" into "a silo"; the spelling correction reads it back as asylum,
    # so the asylum-only entry may answer. A plain work-permit question still may not.
    voiced = matcher.match("que forma se llena para el a silo")
    assert (voiced.band, voiced.entry_id) == (Band.ANSWER, "asylum-apply")
    assert matcher.match("how do I renew my work permit").band is not Band.ANSWER


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("mi ijo tiene orden de deportasion en ausensia", "missed-hearing"),
        ("la polisia le pasa informasion a la migra?", "police-and-ice"),
    ],
)
def test_spanish_spelled_by_ear_is_understood(matcher: Matcher, text: str, entry_id: str) -> None:
    result = matcher.match(text)
    assert (result.band, result.entry_id) == (Band.ANSWER, entry_id)



def test_a_misspelling_the_faq_itself_has_does_not_keep_its_own_meaning(matcher: Matcher) -> None:
    # "deportasion" appears once in a phrasing; by sound it is "deportacion", the word the FAQ
    # uses everywhere, so "fast deportation" reaches expedited removal.
    result = matcher.match("deportasion rapida q es")
    assert (result.band, result.entry_id) == (Band.ANSWER, "expedited-removal")


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [("info sobre asilo por favor", "asylum-basics"), ("know your rights info please", "rights-everyone"),
     ("si no me dan el asilo me deportan?", "asylum-denied")],
)
def test_requests_for_information_and_denials_said_plainly(matcher: Matcher, text: str, entry_id: str) -> None:
    result = matcher.match(text)
    assert (result.band, result.entry_id) == (Band.ANSWER, entry_id)


@pytest.mark.parametrize("text", ["se llevo la migra a mi hijo ayuda", "si me agarra ICE que debo hacer"])
def test_taken_or_caught_in_the_singular_is_the_detention_emergency(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert (result.band, result.entry_id) == (Band.URGENT, "detained")


def test_getting_ready_in_case_of_detention_is_the_plan_not_the_emergency(matcher: Matcher) -> None:
    result = matcher.match("como preparo a mi familia por si me agarra la migra")
    assert (result.band, result.entry_id) == (Band.ANSWER, "family-plan")


def test_tracking_a_uscis_application_is_out_of_scope(matcher: Matcher) -> None:
    assert matcher.match("how do i check my uscis case status with the receipt number").band not in (Band.ANSWER, Band.URGENT)


@pytest.mark.parametrize(
    ("text", "with_number"),
    [("me pararon, que les digo de mi estatus", "me pararon en la 405, que les digo de mi estatus"),
     ("my boss has not paid me for weeks", "my boss has not paid me for 7 weeks")],
)
def test_numbers_the_faq_never_uses_change_nothing(matcher: Matcher, text: str, with_number: str) -> None:
    plain, numbered = matcher.match(text), matcher.match(with_number)
    assert (numbered.band, numbered.entry_id, round(numbered.score)) == (plain.band, plain.entry_id, round(plain.score))


def test_numbers_inside_known_names_still_count(matcher: Matcher) -> None:
    gangs = matcher.match("MS-13 asylum?")
    assert "asylum-gangs" in (gangs.entry_id, *gangs.suggestions[:1])
    assert matcher.match("can I get my green card through my US citizen wife with the I-130").band not in (Band.ANSWER, Band.URGENT)


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("perdi la audiensia", "missed-hearing"),  # a listed misspelling inside a phrase the vocabulary knows
        ("se me paso la fecha de la audiencia", "missed-hearing"),
        ("como se cuando es mi cita en la corte de inmigracion", "court-date"),  # the court, not ICE at court
        ("rechazaron mi asilo", "asylum-denied"),
        ("necesito información sobre la fianza de inmigración", "bond"),  # "información" only asks
    ],
)
def test_how_people_say_missed_denied_and_which_court(matcher: Matcher, text: str, entry_id: str) -> None:
    result = matcher.match(text)
    assert (result.band, result.entry_id) == (Band.ANSWER, entry_id), result


@pytest.mark.parametrize(
    "text",
    [
        "gracias por la información",
        "Quiero pedir a mi mamá con un I-130, ¿cuánto tarda?",  # the petition is asked about, not context
        "Earn $5000 a week from home!!! Click here",  # "click" is not "clica" (a gang)
    ],
)
def test_thanks_petitions_and_spam_are_not_answered(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).band in (Band.NONE, Band.SUGGEST)


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("how do i apply 4 asylum", "asylum-apply"),  # "how do I apply" asks for the steps, not the deadline
        ("pasos para solicitar asilo", "asylum-apply"),
        ("que pasa si me niegan el asilo", "asylum-denied"),
        ("what happens if i lose my asylum case", "asylum-denied"),
        ("deported before", "prior-deportation"),  # "before" alone is a stop word; the phrase is not
        ("got deported b4 does that hurt my case", "prior-deportation"),
    ],
)
def test_how_to_apply_what_if_denied_and_deported_before(matcher: Matcher, text: str, entry_id: str) -> None:
    result = matcher.match(text)
    assert (result.band, result.entry_id) == (Band.ANSWER, entry_id), result


def test_a_question_that_only_points_back_asks_about_the_sentence_before(matcher: Matcher) -> None:
    petition = matcher.match("Mi esposa es ciudadana y me quiere pedir, yo entré con visa de turista. ¿Cómo es el proceso?")
    assert petition.band in (Band.NONE, Band.SUGGEST), petition
    context = matcher.match("My grandma has to go to the courthouse for a traffic ticket. Can ICE arrest her there?")
    assert context.band is not Band.NONE and "protected-places" in (context.entry_id, *context.suggestions), context


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("Raid at my job right now in Sun Valley, what do I do??", "workplace-raid"),
        ("redada en mi trabajo en sun valley piden papeles ayuda", "workplace-raid"),
        ("ICE agents outside the Home Depot on Sherman Way took my husband", "detained"),
    ],
)
def test_places_the_faq_does_not_know_do_not_hide_an_emergency(matcher: Matcher, text: str, entry_id: str) -> None:
    result = matcher.match(text)
    assert (result.band, result.entry_id) == (Band.URGENT, entry_id), result


def test_a_capitalised_word_that_is_not_a_place_still_counts_as_unknown(matcher: Matcher) -> None:
    assert matcher.match("What time does the Lakers game start?").band is not Band.ANSWER


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("llego ICE a mi trabajo y tienen a todos sentados en el piso", "workplace-raid"),
        ("ICE came to my work and they have everybody sitting on the floor", "workplace-raid"),
        ("ayer se llevaron al vecino de la esquina, su señora esta sola con los niños chiquitos, que hacemos", "detained"),
        ("ice truck parked in front and two guys at my door rn", "ice-at-door"),
    ],
)
def test_an_emergency_that_leads_clearly_is_shown_at_once(matcher: Matcher, text: str, entry_id: str) -> None:
    result = matcher.match(text)
    assert (result.band, result.entry_id) == (Band.URGENT, entry_id), result
    assert result.score < DEFAULT_THRESHOLDS.urgent  # middling evidence: the lead and naive Bayes decide
    strict = Matcher(matcher.faq, replace(DEFAULT_THRESHOLDS, urgent_backed=100.0)).match(text)
    assert strict.band is Band.SUGGEST and strict.suggestions[0] == entry_id


@pytest.mark.parametrize("text", ["puedo pedir asilo", "pedir asilo"])
def test_the_deadline_entry_needs_a_word_about_time(matcher: Matcher, text: str) -> None:
    # asylum-deadline `requires` a word about time: asking for asylum says nothing of a deadline.
    # It may still be offered, but after the entries that can answer.
    result = matcher.match(text)
    assert result.entry_id != "asylum-deadline"
    assert result.band is Band.SUGGEST and result.suggestions[-1] == "asylum-deadline", result
    late = matcher.match("llevo dos años aqui todavia puedo pedir asilo")
    assert (late.band, late.entry_id) == (Band.ANSWER, "asylum-deadline")


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("¿Qué es el asilo? ¿Quién puede pedirlo?", "asylum-basics"),
        ("What is asylum exactly? Who can get it?", "asylum-basics"),
        ("what is TPS and who can get it", "tps"),
    ],
)
def test_who_can_ask_for_it_asks_who_qualifies_for_the_thing_named(matcher: Matcher, text: str, entry_id: str) -> None:
    result = matcher.match(text)
    assert (result.band, result.entry_id) == (Band.ANSWER, entry_id), result


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("la forma i quinientos ochenta y nueve", "asylum-apply"),
        ("what's the eoir thirty three", "change-address"),
        ("uno ochenta días para el permiso de trabajo es cierto", "asylum-work-permit"),
        ("um if I call nine one one will they ask about my status", "police-and-ice"),
    ],
)
def test_numbers_said_to_voice_typing_are_read_as_digits(matcher: Matcher, text: str, entry_id: str) -> None:
    result = matcher.match(text)
    assert (result.band, result.entry_id) == (Band.ANSWER, entry_id), result


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("war rant signed by judge how do I know um what does it even look like", "warrants"),
        ("if LA is a sank tuary city why is ice still here", "sanctuary"),
    ],
)
def test_a_word_split_by_voice_typing_is_put_back_together(matcher: Matcher, text: str, entry_id: str) -> None:
    result = matcher.match(text)
    assert (result.band, result.entry_id) == (Band.ANSWER, entry_id), result


def test_two_words_are_not_joined_into_one_they_only_resemble(matcher: Matcher) -> None:
    # "he tenido" is one slip from "detenido", but "he" is a word of its own.
    assert "tenid" in matcher._content("nunca he tenido problemas con la ley", lang=Lang.ES)
    assert matcher._content("war rant") == matcher._content("warrant")


def test_an_entry_naive_bayes_rules_out_is_offered_not_answered(matcher: Matcher) -> None:
    text = "My brother-in-law is here on a tourist visa and wants to stay 3 more months. How does he extend it?"
    result = matcher.match(text)
    assert result.band is Band.SUGGEST and result.ranking[0][0] == "tps", result
    lenient = Matcher(matcher.faq, replace(DEFAULT_THRESHOLDS, answer_probability=0.0)).match(text)
    assert (lenient.band, lenient.entry_id) == (Band.ANSWER, "tps")


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("I got hurt at work and I don't have papers, can I get workers comp?", Band.ANSWER),
        ("do you do car accidents", Band.NONE),
        ("¿Ustedes llevan casos de accidentes de carro?", Band.NONE),
    ],
)
def test_an_injury_at_work_is_worker_rights_but_a_car_accident_is_another_area(matcher: Matcher, text: str, band: Band) -> None:
    result = matcher.match(text)
    assert result.band is band, result
    assert band is Band.NONE or result.entry_id == "worker-rights"


def test_a_sure_question_about_the_office_is_not_taken_for_an_emergency(matcher: Matcher) -> None:
    text = "¿Cuál es el teléfono de la oficina? Llamé al número de Google y nadie contesta"
    result = matcher.match(text)
    assert (result.band, result.entry_id) == (Band.ANSWER, "office-info"), result
    eager = Matcher(matcher.faq, replace(DEFAULT_THRESHOLDS, urgent_yield=100.0)).match(text)
    assert (eager.band, eager.entry_id) == (Band.URGENT, "emergency-contacts")


@pytest.mark.parametrize(
    "text",
    ["se acaban de llevar a mi papá los de inmigración, ayuda", "se acaban de llevar al esposo de mi vecina, tiene 3 niños chiquitos, que hacemos"],
)
def test_just_taken_is_an_arrest(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert (result.band, result.entry_id) == (Band.URGENT, "detained"), result
    assert result.score >= DEFAULT_THRESHOLDS.urgent


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("tengo cita con ICE la semana que viene, me pueden dejar detenido?", "ice-check-in"),
        ("what happens if I miss my check in with ICE", "ice-check-in"),
        ("se me descargo el grillete anoche", "ice-check-in"),
        ("no voy a firmar nada sin abogado", "dont-sign"),
    ],
)
def test_check_ins_with_ice_are_their_own_question(matcher: Matcher, text: str, entry_id: str) -> None:
    result = matcher.match(text)
    assert (result.band, result.entry_id) == (Band.ANSWER, entry_id), result


@pytest.mark.parametrize("text", ["ok listo gracias", "ok cool", "great", "nice", "vale", "orale pues", "ciao", "chao", "neta"])
def test_an_acknowledgement_is_not_a_question(matcher: Matcher, text: str) -> None:
    # "listo" once folded into "list" (the emergency contact list) and "cool" was corrected to "school".
    assert matcher.match(text).band is Band.NONE


@pytest.mark.parametrize("text", ["ok entiendo", "no entiendo", "de acuerdo", "otra vez", "can you repeat"])
def test_a_short_reply_to_the_bot_asks_nothing(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).band is Band.NONE


def test_a_reply_word_inside_a_question_keeps_its_meaning(matcher: Matcher) -> None:
    assert matcher.match("no entiendo el papel que me dieron").band is not Band.NONE


@pytest.mark.parametrize("text", ["trabajo", "I need a job", "esposo", "necesito chamba, saben de algun jale?"])
def test_one_everyday_word_is_not_an_emergency(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert result.band is not Band.URGENT, result
    assert result.band is Band.NONE or matcher.faq.by_id[result.suggestions[0] if result.suggestions else result.entry_id].urgent


@pytest.mark.parametrize("text", ["redada", "AYUDA", "help", "door", "arrested", "tocan la puerta"])
def test_one_alarming_word_is_an_emergency(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).band is Band.URGENT


@pytest.mark.parametrize(("text", "lang"), [("ok entiendo", Lang.ES), ("de acuerdo", Lang.ES), ("ok i understand", Lang.EN)])
def test_a_short_reply_keeps_its_language(matcher: Matcher, text: str, lang: Lang) -> None:
    result = matcher.match(text, fallback=Lang.EN)
    assert (result.band, result.lang) == (Band.NONE, lang)


@pytest.mark.parametrize("text", ["ggg", "k", "x"])
def test_single_letters_ask_nothing(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).band is Band.NONE


def test_where_are_you_located_asks_for_the_office(matcher: Matcher) -> None:
    result = matcher.match("where r u located")
    assert (result.band, result.entry_id) == (Band.ANSWER, "office-info"), result


@pytest.mark.parametrize(
    "text", ["Mi DACA se venció hace dos años. ¿Todavía lo puedo renovar?", "My green card expires in March. How do I renew the card?"]
)
def test_renewing_something_of_another_area_is_not_tps(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert result.band is not Band.ANSWER, result
    lenient = Matcher(matcher.faq, replace(DEFAULT_THRESHOLDS, off_topic_probability=0.0)).match(text)
    assert (lenient.band, lenient.entry_id) == (Band.ANSWER, "tps")


def test_form_labels_of_pasted_details_are_not_words_of_the_question(matcher: Matcher) -> None:
    pasted = matcher.match("Datos: Jacinto Luna, A-097-112-889, vivo en Pacoima. Me regresaron a México dos veces. ¿Es grave?")
    plain = matcher.match("Jacinto Luna, A-097-112-889, vivo en Pacoima. Me regresaron a México dos veces. ¿Es grave?")
    assert (pasted.band, pasted.entry_id) == (plain.band, plain.entry_id)
    assert pasted.ranking[0][0] == "prior-deportation"
    assert "confidentiality" not in [entry for entry, _ in pasted.ranking[:3]]
