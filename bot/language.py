"""Deciding whether a message is English or Spanish, including one-word and mixed messages.

Function words say most about a language and little about a topic, so the same lists serve as stop
words for the matcher. Words from the FAQ's own questions (`LanguageVotes`) decide the rest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from bot.model import Lang
from bot.text import normalize

ENGLISH_WORDS: frozenset[str] = frozenset(
    """
    a about after again all also am an and any anything are as at be been before being but by can
    cant could did do does doesnt dont for from get got had has have having he her here him his how
    i id if im in into is isnt it its ive just know let like me mine more most much must my myself
    need needs no not now of off on once only or other our out over please pls plz should so some
    someone something still than thank thanks that thats the their them then there these they this
    those through to too u under until up us very want wanna was we were what whats when where which
    while who why will with would yes yet you your youre ur im hi hello hey ok okay
    wat wut wats watz r ya yall gonna gotta bc cuz bcuz rn ppl tho idk
    actually really even ever maybe already anyway basically literally helped helpful thx ty appreciate
    theyll theyre theyd whos other several usually
    always either neither honestly totally stuff mention mentioned whether wondering wonder curious
    though although kinda sorta lil thru w hypothetically roommate roommates roomie coworker coworkers
    theres heres omg lol lmao ngl lowkey fr tbh smth sth tmrw bruh today tomorrow
    parishioner parishioners congregation volunteer volunteers robot robots chatbot someday
    cool nice great awesome perfect alright sweet bye ciao
    monday tuesday wednesday thursday friday
    """.split()
)

# The last line holds the function words of Brazilians (and others) writing Spanish as a second
# language ("eu posso irme?", "não hay que firmar").
SPANISH_WORDS: frozenset[str] = frozenset(
    """
    a al algo alguien algun alguna ante antes aqui asi aun bien cada como con contra cual cuales
    cuando cuanto de del desde donde dos el ella ellas ellos en entre era eres es esa ese eso esta
    estan estas este esto estoy fue fueron gracias ha hace hacer han hasta hay he hola la las le les
    lo los mas me mi mis mucho muy nada ni no nos nosotros nuestra nuestro o otra otro para pero
    poco por porque puede pueden puedo que quien se sea ser si sin sobre solo soy su sus tal
    tambien te tengo tiene tienen todo todos tu tus un una uno unos usted ustedes va vamos y ya yo
    favor necesito quiero saber q k xq pq porfa oiga buenas buenos dias tardes noches
    ke xfa plis tmb pa pal dnd toy x d aca ahi alla ahorita
    vos maje mae fijese mire oye wey guey sepa sepan sabe saben sabes pues entonces
    luego disculpe disculpa molestia perdon puedes podemos podria podrian pude pudo
    ay e porfavor porfis xfavor
    estos esos esas unas algunos algunas podia podian decia decian tenia tenian habia habian sido
    siempre bueno osea digamos exactamente realmente verdad quisiera queria gustaria hipoteticamente supongamos
    hoy manana necesitamos necesita necesitan necesitaba
    miembro miembros feligres feligreses congregacion companero companera companeros companeras
    comunitario listo listos vale orale chido chevere chao neta
    lunes martes miercoles jueves viernes
    nao eu posso tem meu minha faz voce ele ela com ali tambem estou sou isso uma um ou na os quando
    """.split()
)

STOP_WORDS: frozenset[str] = (ENGLISH_WORDS | SPANISH_WORDS) - {"where", "donde", "dnd"}


# Names say nothing about the question, yet many look like FAQ words to a typo corrector or a
# stemmer: "Maria" is one slip from "mara", "Dolores" from "dolares", "Angel" stems like "Angeles".
# A name the FAQ does not use is never corrected and counts for nothing; one it does use ("Luz",
# "Salvador") counts for nothing after an introduction ("soy Luz") or when the message is only names.
FIRST_NAMES: frozenset[str] = frozenset(
    """
    aaron abel abigail adam adan adrian adriana agustin alan albert alberto alejandra alejandro
    alexander alexis alfredo alice alicia alma alvaro amanda amber amparo amy ana andrea andres
    andrew angel angela angelica anibal ann anna anthony antonio araceli armando arthur arturo
    ashley aurora austin axel barbara beatriz benito benjamin bernardo berta beto betty beverly bill
    billy blanca bob bobby bradley brandon brenda brian brittany bruce bruno bryan camilo carl
    carlos carmen carol carolina carolyn catalina catherine cecilia celia cesar charles charlotte
    chema cheryl chris christian christina christine christopher chuy claudia consuelo cristian
    cristina cristobal cynthia daniel daniela danielle danny dario dave david deborah debra delia
    denise dennis diana diane diego dolores donald donna doris dorothy douglas dulce dylan edgar
    eduardo edward efrain elena elias elizabeth elvira emanuel emilia emilio emily emma emmanuel
    enrique eric erick ernesto esperanza esteban estefania estela esther ethan eugene eva evelyn
    ezequiel fabian fabiola fatima federico felicia felipe fernanda fernando fidel flor frances
    francisca francisco frank gabriel gabriela gary george gerald gerardo gilberto gisela gloria
    gonzalo grace graciela gregorio gregory griselda guadalupe guillermo gustavo hannah harold
    heather hector helen henry heriberto horacio hortensia hugo humberto ignacio imelda ines irene
    irma isaac isabel isabella ismael israel ivan ivonne jacinto jack jacob jacqueline jaime james
    janet janice jason javier jazmin jean jeffrey jennifer jenny jeremy jeronimo jerry jesse jessica
    jesus jim jimena joan joaquin joe john johnny jonathan jordan jorge jose josefina joseph joshua
    josue joyce juan juana juanita juanito judith judy julia julian julie julio justin karen karina
    karla kate katherine kathleen kathryn katie kayla keith kelly kenneth kevin kike kimberly kyle
    larry laura lauren lawrence leonardo leonor leticia lidia lilia liliana linda lisa lizbeth logan
    lorena lorenzo lori lourdes lucas lucia luis lupe lupita luz madison magdalena manuel marco
    marcos margaret margarita maria mariana maribel maricela marilyn marina mario marisela marisol
    mark marta martha martin mary mateo matt matthew mauricio mayra megan melissa memo mercedes
    micaela michael michelle miguel mike milagros minerva miriam monica nacho nancy natalia natalie
    nathan nayeli nelly nicholas nicolas nicole noah nora norma ofelia olga olivia omar orlando
    oscar pablo paco pamela pancho paola patricia patricio patrick paul paula pedro pepe perla peter
    petra philip pilar rachel rafael ramiro ramon ramona raquel raul raymond rebeca rebecca reina
    reyes reyna ricardo richard rita robert roberto rocio rodrigo rogelio roger ronald rosa rosalba
    rosario ruben russell ruth ryan salvador samantha samuel sandra santiago sara sarah saul scott
    sean sebastian selena sergio sharon shirley silvana silvia socorro sofia soledad sonia sophia
    stephanie stephen steve steven sue susan susana susy tania tere teresa terry theresa thomas
    tiffany timothy tom tomas tono tony tyler ulises valentin valeria vanessa veronica vicky victor
    victoria vincent virginia viviana walter wendy william willie ximena xochitl yadira yareli
    yazmin yesenia yolanda zachary zulema
    """.split()
)

SURNAMES: frozenset[str] = frozenset(
    """
    acosta adams aguilar allen alvarez anderson avila ayala baker bautista brown cabrera campbell
    campos cardenas carrillo carter castillo castro cervantes chavez clark collins contreras cook
    cortez cruz davis delgado diaz dominguez edwards escobar espinoza estrada evans fernandez
    figueroa flores fuentes garcia gomez gonzales gonzalez guerrero gutierrez guzman harris
    hernandez herrera hill ibarra jackson jimenez johnson jones juarez king lara lee lewis lopez
    luna maldonado marquez martin martinez medina mejia mendez mendoza miller mitchell molina
    montoya moore morales morris munoz murphy navarro nelson nunez orozco ortega ortiz padilla
    parker pena perez phillips ramirez ramos reyes rios rivera roberts robinson rodriguez rogers
    rojas romero rosales ruiz salazar salinas sanchez sandoval santos scott serrano silva smith
    solis soto stewart taylor thomas thompson torres trujillo turner valdez vargas vasquez vazquez
    vega velasquez velazquez villanueva walker williams wilson wright young zamora
    """.split()
)

# Ways of addressing someone: "Buenos días licenciado" greets the lawyer, it asks nothing about lawyers.
TITLES: frozenset[str] = frozenset("licenciado licenciada lic senor senora senorita seno sir maam mister".split())

NAMES: frozenset[str] = FIRST_NAMES | SURNAMES | TITLES

# Places people name in passing: the neighbourhood, the street, the store, another state. Where it
# happened says nothing about what is asked, so these words neither help nor count as unknown
# ("ICE trucks on Sherman Way outside the 7-Eleven"). Detention centres are not here: "Adelanto" is
# a question about a detained person. A place the FAQ itself uses stays an FAQ word.
PLACES: frozenset[str] = frozenset(
    """
    nuys sherman panorama pacoima sylmar reseda northridge canoga tarzana encino sepulveda arleta
    lankershim vanowen roscoe hollywood burbank glendale pasadena inglewood compton lynwood
    downey pomona ontario riverside bakersfield fresno oxnard ventura anaheim santa monica
    boyle huntington whittier norwalk palmdale lancaster sacramento oakland
    texas arizona nevada florida chicago houston dallas oregon
    sun valley vernon calabasas studio oaks victory granada porter winnetka sunland tujunga balboa toluca
    montebello gardena hawthorne koreatown culver clarita valencia newhall simi camarillo fontana rialto
    victorville hesperia wilmington bellflower maywood cudahy paramount galleria
    colonia barrio vecindario neighborhood neighbourhood hood cuadra esquina zona area town pueblo county condado
    walmart costco vallarta northgate ralphs vons albertsons depot lowes mcdonalds 7eleven
    """.split()
)

# Who the writer speaks for says nothing about the question: "I'm writing for my mom", "asking for
# a friend", "le escribo por mi tía". After these cues the relative (or friend) is neutral.
PROXY_CUES: tuple[tuple[str, ...], ...] = (
    ("writing", "for"), ("writing", "on", "behalf", "of"), ("on", "behalf", "of"), ("asking", "for"),
    ("texting", "for"), ("escribo", "por"), ("escribo", "para"), ("escribiendo", "por"), ("escribiendo", "para"),
    ("pregunto", "por"), ("preguntando", "por"), ("pregunto", "para"), ("de", "parte", "de"),
)
RELATIVES: frozenset[str] = frozenset(
    """
    mom mother mama mommy dad father papa daddy parents parent friend friends family grandma grandpa
    grandmother grandfather aunt uncle cousin sister brother neighbor son daughter wife husband
    mami papi padres papas amigo amiga amigos familia abuela abuelo abuelita abuelito tia tio prima primo
    hermana hermano vecina vecino hijo hija esposa esposo suegra suegro apa ama jefa jefe
    """.split()
)

# Function words as people text them. The vocabulary spells them out in its variants and in every
# text, so "notificacion d comparecencia" meets "notificacion de comparecencia".
SHORTHAND: dict[str, str] = {
    "d": "de", "q": "que", "k": "que", "ke": "que", "x": "por", "xq": "porque", "pq": "porque", "porq": "porque",
    "pa": "para", "u": "you", "r": "are", "ur": "your", "b4": "before",
}

# Cries for help: alone they are an emergency ("ayuda"), beside other words they only say the other
# words are urgent ("migra en el jale ayuda" is the workplace raid, whatever entry says "help" most).
PLEAS: frozenset[str] = frozenset(
    "help helps helpme ayuda ayudar ayudame ayudeme ayudenme ayudennos".split()
)

# Requests for information: "info sobre asilo por favor" asks about asylum, nothing more.
# "informacion" too: "necesito información sobre la fianza" asks about bond. "Mi información"
# and "esta información" (what the bot keeps) are read by the vocabulary first.
REQUESTS: frozenset[str] = frozenset({"info", "informacion", "information"})

# Replies to the bot rather than questions: "ok entiendo", "de acuerdo", "no entiendo", "otra vez".
# Alone (a short message of only these and function words) they ask nothing; inside a question they
# keep their meaning ("no entiendo lo que me dieron a firmar").
SPANISH_ACKNOWLEDGEMENTS: frozenset[str] = frozenset("entiendo entendi entendido acuerdo vez".split())
ACKNOWLEDGEMENTS: frozenset[str] = SPANISH_ACKNOWLEDGEMENTS | frozenset("understand understood repeat again".split())
SHORT_REPLY: int = 4  # words

# Labels of details pasted as in a form ("Nombre: ...", "Tel: ...", "Datos: ...", "Question: ..."):
# the label says nothing about the question ("datos" is otherwise a word about privacy).
_FORM_LABEL = re.compile(
    r"\b(?:nombre(?: completo)?|(?:full )?name|(?:mis )?datos|my (?:info|details)|tel[eé]fono|tel|phone|cel(?:ular)?|"
    r"direcci[oó]n|address|e-?mail|correo|pregunta|question|fecha de nacimiento|date of birth|dob|"
    r"pa[ií]s de nacimiento|country of birth|entry date|fecha de entrada)\s*:",
    re.IGNORECASE,
)


def without_form_labels(text: str) -> str:
    """The message without the labels of details pasted as in a form."""
    return _FORM_LABEL.sub(" ", text)


# A message of one word is an emergency only when the word itself raises the alarm: "redada",
# "arrested", "help", "door", "la migra". "trabajo", "casa" or "esposo" alone are offered as choices,
# the emergency entry first, rather than answered as an emergency.
ALARM_WORDS: frozenset[str] = frozenset(
    "ice redada raid detenido detained arrest arrested puerta door knock help hotline emergencia emergency sos auxilio warrant".split()
)

# Words that introduce a name. After the sure ones any next word that is not an FAQ word is a name
# ("me llamo Xochitl"); after the others only a listed name is ("soy Maria", but "soy de Honduras").
SURE_INTRODUCTIONS: tuple[tuple[str, ...], ...] = (
    ("me", "llamo"), ("mi", "nombre", "es"), ("my", "name", "is"), ("my", "names"), ("name", "is"), ("names",),
    ("me", "dicen"),
)
INTRODUCTIONS: tuple[tuple[str, ...], ...] = (("soy",), ("i", "am"), ("im",), ("this", "is"), ("it", "is"), ("its",), ("habla",))
MAX_NAME_WORDS = 3  # "me llamo Maria Luz Garcia"
_CUES: tuple[tuple[tuple[str, ...], bool], ...] = (
    *((cue, True) for cue in SURE_INTRODUCTIONS),
    *((cue, False) for cue in INTRODUCTIONS),
)
_CUE_STARTS: frozenset[str] = frozenset(cue[0] for cue, _ in _CUES)


def name_words(tokens: list[str], is_faq_word: Callable[[str], bool]) -> frozenset[str]:
    """The words of a normalised message that are people's names, with the words introducing them.

    Args:
        tokens: the message, normalised and split.
        is_faq_word: whether the FAQ uses a word (a listed name it uses counts only when introduced).
    """
    content = [t for t in tokens if t not in STOP_WORDS]
    if content and all(t in NAMES for t in content):  # "Luz", "Angel Cruz": a name, not a question
        return frozenset(content)
    found = {t for t in content if t in NAMES and not is_faq_word(t)}
    for i, token in enumerate(tokens):
        for cue in PROXY_CUES:
            if tuple(tokens[i : i + len(cue)]) == cue:
                after = [w for w in tokens[i + len(cue) : i + len(cue) + 3] if w not in STOP_WORDS][:1]
                if after and after[0] in RELATIVES:
                    found.update([*after, *(w for w in cue if w not in STOP_WORDS)])
                break
        if token not in _CUE_STARTS:
            continue
        for cue, sure in _CUES:
            if tuple(tokens[i : i + len(cue)]) != cue:
                continue
            start = i + len(cue)
            taken = 0
            for word in tokens[start : start + MAX_NAME_WORDS]:
                first_unknown = sure and taken == 0 and word not in STOP_WORDS and not is_faq_word(word)
                if word not in NAMES and not first_unknown:
                    break
                found.add(word)
                taken += 1
            if taken:
                found.update(w for w in cue if w not in STOP_WORDS)
                rest = tokens[start + taken : start + taken + 3]  # "this is Angel from church": where they are from
                if rest[:1] in (["from"], ["de"], ["del"]):
                    place = [w for w in rest[1:] if w not in STOP_WORDS][:1]
                    if place and len([w for w in rest[1:] if w in STOP_WORDS]) <= 1:
                        found.update(place)
            break
    return frozenset(found)

_SPANISH_MARKS = frozenset("ñ¿¡áéíóú")


VOTE: float = 0.75  # a word seen only in one language's FAQ questions weighs this much of a function word
CLEAR_LEANING: float = 0.8  # a word of both languages votes only when 9 in 10 of its uses are in one ("ICE" is in both)


@dataclass(frozen=True)
class LanguageVotes:
    """Content words of the FAQ's questions and how far each leans to English (+) or Spanish (-).

    Counted, not merely collected: "cita" turns up in an English phrasing or two ("make a cita
    with you guys") yet is overwhelmingly Spanish, and "bond" the other way round.
    """

    leaning: Mapping[str, float] = field(default_factory=dict)

    @classmethod
    def count(cls, english: Iterable[str], spanish: Iterable[str]) -> LanguageVotes:
        """Build the votes from every word occurrence in each language's phrasings."""
        counts: dict[str, list[int]] = {}
        for side, words in enumerate((english, spanish)):
            for word in words:
                counts.setdefault(word, [0, 0])[side] += 1
        leaning: dict[str, float] = {}
        for word, (en, es) in counts.items():
            lean = (en - es) / (en + es)
            if abs(lean) >= CLEAR_LEANING:
                leaning[word] = VOTE * lean
        return cls(leaning)


def detect_language(raw: str, tokens: list[str], votes: LanguageVotes, fallback: Lang) -> Lang:
    """Pick the language with more evidence; a tie (or no words at all) keeps `fallback`."""
    english = spanish = 0.0
    for token in tokens:
        in_en = token in ENGLISH_WORDS
        in_es = token in SPANISH_WORDS
        if in_en and not in_es:
            english += 1.0
        elif in_es and not in_en:
            spanish += 1.0
        elif not in_en and not in_es:
            lean = votes.leaning.get(token, 0.0)
            if lean > 0:
                english += lean
            else:
                spanish -= lean
    lowered = raw.lower()
    spanish += 1.5 * sum(1 for ch in lowered if ch in _SPANISH_MARKS)
    if english > spanish:
        return Lang.EN
    if spanish > english:
        return Lang.ES
    return fallback


# A capitalised word after "in", "at", "near", "en", "cerca de"... ("a raid in Sun Valley", "outside
# the Home Depot on Sherman Way") names a place or a store. When the FAQ does not use it, it says
# nothing about the question, like a word in PLACES; counted as unknown it would make an emergency
# look out of scope. ("What time does the Lakers game start?" keeps its unknown word.)
PLACE_PREPOSITIONS: frozenset[str] = frozenset(
    "in at on near outside inside by from to en cerca de del desde afuera adentro por frente junto".split()
)
_ARTICLES: frozenset[str] = frozenset("the a la el los las".split())
_CAPITALISED = re.compile(r"[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+(?:[-'][A-Za-z]+)?")


def proper_nouns(raw: str, is_faq_word: Callable[[str], bool]) -> frozenset[str]:
    """Capitalised words of places named after a place preposition, which the FAQ does not use."""
    found: set[str] = set()
    previous = ""
    place = False  # the next capitalised word would name a place: "in", "at the", "Sun" of "Sun Valley"
    for token in raw.split():
        bare = token.strip(".,;:!?¿¡()\"'")
        if place and _CAPITALISED.fullmatch(bare):
            word = normalize(bare)
            if word and not is_faq_word(word):
                found.add(word)
            place = not token.endswith((".", ",", ";", ":", "!", "?"))
            continue
        lowered = bare.lower()
        place = lowered in PLACE_PREPOSITIONS or (lowered in _ARTICLES and previous in PLACE_PREPOSITIONS)
        previous = lowered
    return frozenset(found)
