"""Everything the bot says that is not FAQ content, in every language, as data.

`say(key, lang, **values)` fills `{name}` slots. A test checks that every key exists in every
language with the same slots.
"""

from __future__ import annotations

from typing import Final

from bot.model import Lang

TEXTS: Final[dict[str, dict[Lang, str]]] = {
    "disclaimer": {
        Lang.EN: "This is general information, not legal advice. For advice about your own case, book a free consultation with our attorney.",
        Lang.ES: "Esto es información general, no es asesoría legal. Para hablar de su caso, haga una cita gratis con nuestro equipo legal.",
    },
    "sources": {Lang.EN: "Sources:", Lang.ES: "Fuentes:"},
    "more_sources": {
        Lang.EN: "(and {count} more sources; ask us for them)",
        Lang.ES: "(y {count} fuentes más; pídanoslas)",
    },
    "reviewed": {Lang.EN: "Checked on {date}.", Lang.ES: "Revisado el {date}."},
    "time_sensitive": {
        Lang.EN: "This changes often. Checked on {date}; ask us what applies today.",
        Lang.ES: "Esto cambia seguido. Revisado el {date}; pregúntenos qué aplica hoy.",
    },
    "office_unknown": {Lang.EN: "(ask the office)", Lang.ES: "(pregunte en la oficina)"},
    "did_you_mean": {
        Lang.EN: "I am not sure I understood. Did you mean one of these?",
        Lang.ES: "No estoy seguro de haber entendido. ¿Quiso decir una de estas?",
    },
    "none_of_these": {Lang.EN: "None of these", Lang.ES: "Ninguna de estas"},
    "no_answer": {
        Lang.EN: "Sorry, I don't have an answer for that. You can look through the menu, or talk to our attorney in a free consultation.",
        Lang.ES: "Perdón, no tengo una respuesta para eso. Puede ver el menú o hablar con nuestro equipo legal en una cita gratis.",
    },
    "after_none_of_these": {
        Lang.EN: "Thanks for telling me. Our attorney can answer you in a free consultation.",
        Lang.ES: "Gracias por avisarme. Nuestro equipo legal le puede responder en una cita gratis.",
    },
    "book_button": {Lang.EN: "Book a free consultation", Lang.ES: "Cita gratis con la oficina"},
    "menu_button": {Lang.EN: "Menu", Lang.ES: "Menú"},
    "related": {Lang.EN: "See also:", Lang.ES: "Vea también:"},
    "book_info": {
        Lang.EN: "To book your free consultation, contact {office_name}: phone {phone}, hours {hours}, address {address}.",
        Lang.ES: "Para hacer su cita gratis, comuníquese con {office_name}: teléfono {phone}, horario {hours}, dirección {address}.",
    },
    "menu_intro": {Lang.EN: "What is your question about?", Lang.ES: "¿Sobre qué es su pregunta?"},
    "category_intro": {Lang.EN: "{category}: choose a question.", Lang.ES: "{category}: elija una pregunta."},
    "empty_message": {
        Lang.EN: "Please type your question in a few words, for example: \"ICE is at my door\" or \"asylum deadline\".",
        Lang.ES: "Escriba su pregunta en pocas palabras, por ejemplo: \"la migra está en mi puerta\" o \"plazo para pedir asilo\".",
    },
    "choose_number": {
        Lang.EN: "Type the number of your choice, or ask another question.",
        Lang.ES: "Escriba el número de su opción, o haga otra pregunta.",
    },
    "greeting": {
        Lang.EN: "Hello! I am the assistant of an immigration law office in Van Nuys. Ask me about ICE, immigration court, asylum or your rights, in English or Spanish, or use the menu.",
        Lang.ES: "¡Hola! Soy el asistente de una oficina de abogados de inmigración en Van Nuys. Pregúnteme sobre la migra, la corte de inmigración, el asilo o sus derechos, en español o inglés, o use el menú.",
    },
    "help": {
        Lang.EN: "Type your question in your own words, for example \"ICE is at my door\" or \"how do I check my court date\". /menu shows the topics; /book a free consultation.",
        Lang.ES: "Escriba su pregunta con sus palabras, por ejemplo \"la migra está en mi puerta\" o \"cómo veo mi fecha de corte\". /menu muestra los temas; /cita para una consulta gratis.",
    },
    "type_please": {
        Lang.EN: "I can only read text. Please type your question in a few words.",
        Lang.ES: "Solo puedo leer texto. Por favor escriba su pregunta en pocas palabras.",
    },
    "went_wrong": {
        Lang.EN: "Sorry, something went wrong on our side. Please try again, or call the office: {phone}.",
        Lang.ES: "Perdón, algo falló de nuestro lado. Intente otra vez o llame a la oficina: {phone}.",
    },
    "emergency_button": {Lang.EN: "🚨 ICE is at my door", Lang.ES: "🚨 La migra está en mi puerta"},
    "choose_language": {Lang.EN: "Choose your language:", Lang.ES: "Elija su idioma:"},
    "language_set": {
        Lang.EN: "Done: I will use English when a message could be either language.",
        Lang.ES: "Listo: usaré español cuando un mensaje pueda ser de cualquier idioma.",
    },
    "privacy": {
        Lang.EN: "What this bot keeps about you: your language and where you are in a conversation. Questions it could not answer are kept without phone numbers, e-mails, A-numbers or dates, for up to 90 days, so staff can improve the answers. Thumbs up/down are counted per answer, not per person. Our logs hold no names, numbers or messages.\nMessages pass through Telegram's servers: do not write sensitive details here; tell them to the attorney at the consultation.\n/delete erases everything about you at once.",
        Lang.ES: "Lo que este bot guarda de usted: su idioma y en qué parte de la conversación va. Las preguntas que no pudo responder se guardan sin teléfonos, correos, números A ni fechas, hasta 90 días, para que el equipo mejore las respuestas. Los 👍/👎 se cuentan por respuesta, no por persona. Nuestros registros no guardan nombres, números ni mensajes.\nLos mensajes pasan por los servidores de Telegram: no escriba detalles delicados aquí; cuénteselos al abogado en la consulta.\n/borrar borra todo lo suyo de inmediato.",
    },
    "delete_button": {Lang.EN: "Delete my data", Lang.ES: "Borrar mis datos"},
    "delete_confirm": {
        Lang.EN: "This erases everything this bot keeps about you. Are you sure?",
        Lang.ES: "Esto borra todo lo que este bot guarda sobre usted. ¿Está seguro?",
    },
    "delete_yes": {Lang.EN: "Yes, delete everything", Lang.ES: "Sí, borrar todo"},
    "deleted": {
        Lang.EN: "Done. Everything this bot kept about you has been erased. You can write again at any time.",
        Lang.ES: "Listo. Se borró todo lo que este bot guardaba sobre usted. Puede escribir otra vez cuando quiera.",
    },
    "slow_down": {
        Lang.EN: "That is a lot of messages at once. Please wait a few seconds, then send your question in one message.",
        Lang.ES: "Son muchos mensajes a la vez. Espere unos segundos y mande su pregunta en un solo mensaje.",
    },
    "go_private": {
        Lang.EN: "For anything about your own situation, write to me in a private chat: https://t.me/{bot}",
        Lang.ES: "Para algo sobre su situación, escríbame en un chat privado: https://t.me/{bot}",
    },
    "thanks_feedback": {Lang.EN: "Thank you! That helps us improve the answers.", Lang.ES: "¡Gracias! Eso nos ayuda a mejorar las respuestas."},
    "staff_only": {Lang.EN: "This command is for the office's staff.", Lang.ES: "Este comando es para el personal de la oficina."},
    "unknown_command": {
        Lang.EN: "I do not know that command. Try /menu, /book or /help, or just type your question.",
        Lang.ES: "No conozco ese comando. Pruebe /menu, /cita o /ayuda, o escriba su pregunta.",
    },
    "own_case": {
        Lang.EN: "That is the general rule. What it means for your own case depends on details only our attorney can weigh: book a free consultation.",
        Lang.ES: "Esa es la regla general. Lo que significa para su caso depende de detalles que solo nuestro equipo legal puede revisar: haga una cita gratis.",
    },
    "stored_note": {
        Lang.EN: "I keep only your language and where we are in the conversation: /privacy tells more, /delete erases it.",
        Lang.ES: "Solo guardo su idioma y en qué parte de la conversación vamos: /privacidad explica más, /borrar lo borra.",
    },
    "chat_welcome": {
        Lang.EN: "Hello! I answer general questions about immigration (ICE, court, asylum, your rights). Type your question, or 'menu'. Ctrl-D to leave.",
        Lang.ES: "¡Hola! Respondo preguntas generales de inmigración (la migra, corte, asilo, sus derechos). Escriba su pregunta, o 'menú'. Ctrl-D para salir.",
    },
}


def say(key: str, lang: Lang, **values: str) -> str:
    """The text `key` in `lang`, with its `{slots}` filled."""
    template = TEXTS[key][lang]
    return template.format(**values) if values else template
