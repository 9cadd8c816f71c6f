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
        Lang.EN: "What this bot keeps about you: your language and where you are in a conversation. If you book a consultation: the name, contact, time, way to meet and topic you chose, seen only by the office's staff and erased {booking_days} days after the appointment. Questions it could not answer are kept without phone numbers, e-mails, A-numbers, street addresses or dates, for up to {unanswered_days} days, so staff can improve the answers. Thumbs up/down are counted per answer, not per person. Our logs hold no names, numbers or messages.\nMessages pass through Telegram's servers: do not write sensitive details here; tell them to the attorney at the consultation.\n/delete erases everything about you at once (and cancels your booking).",
        Lang.ES: "Lo que este bot guarda de usted: su idioma y en qué parte de la conversación va. Si hace una cita: el nombre, el contacto, la hora, cómo es la cita y el tema que eligió; solo lo ve el personal de la oficina y se borra {booking_days} días después de la cita. Las preguntas que no pudo responder se guardan sin teléfonos, correos, números A, direcciones ni fechas, hasta {unanswered_days} días, para que el equipo mejore las respuestas. Los 👍/👎 se cuentan por respuesta, no por persona. Nuestros registros no guardan nombres, números ni mensajes.\nLos mensajes pasan por los servidores de Telegram: no escriba detalles delicados aquí; cuénteselos al abogado en la consulta.\n/borrar borra todo lo suyo de inmediato (y cancela su cita).",
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
        Lang.EN: "I keep only your language and where we are in the conversation (and your booking, if you make one): /privacy tells more, /delete erases it.",
        Lang.ES: "Solo guardo su idioma y en qué parte de la conversación vamos (y su cita, si hace una): /privacidad explica más, /borrar lo borra.",
    },
    "chat_welcome": {
        Lang.EN: "Hello! I answer general questions about immigration (ICE, court, asylum, your rights). Type your question, or 'menu'. Ctrl-D to leave.",
        Lang.ES: "¡Hola! Respondo preguntas generales de inmigración (la migra, corte, asilo, sus derechos). Escriba su pregunta, o 'menú'. Ctrl-D para salir.",
    },
    # -- booking a consultation (bot/booking.py, bot/appointments.py) --
    "bk_consent": {
        Lang.EN: "Let's book your free consultation. I will ask for a name to call you, how to reach you, how you want to meet, a day and time, and (if you like) the topic.\nOnly the office's staff see this, to prepare and to contact you. It is erased {days} days after the appointment, or at once with /delete.\nPlease do not write details of your case here; tell them to the attorney.",
        Lang.ES: "Vamos a hacer su cita gratis. Le voy a pedir un nombre para llamarle, cómo comunicarnos con usted, cómo quiere la cita, el día y la hora, y (si quiere) el tema.\nSolo el personal de la oficina ve estos datos, para prepararse y comunicarse con usted. Se borran {days} días después de la cita, o de inmediato con /borrar.\nPor favor no escriba detalles de su caso aquí; cuénteselos al abogado.",
    },
    "bk_agree": {Lang.EN: "OK, continue", Lang.ES: "De acuerdo, seguir"},
    "bk_cancel_button": {Lang.EN: "Cancel booking", Lang.ES: "Cancelar la cita"},
    "bk_cancelled": {
        Lang.EN: "Booking stopped. Nothing was kept. You can start again any time with /book.",
        Lang.ES: "Se detuvo la cita. No se guardó nada. Puede empezar otra vez cuando quiera con /cita.",
    },
    "bk_ask_name": {
        Lang.EN: "What name should we call you? (Your first name is enough.)",
        Lang.ES: "¿Con qué nombre le llamamos? (Basta con su primer nombre.)",
    },
    "bk_hint_name": {
        Lang.EN: "Please type just a name, with letters only, like \"Maria\" or \"Jose Luis\".",
        Lang.ES: "Escriba solo un nombre, con letras, como \"María\" o \"José Luis\".",
    },
    "bk_ask_contact": {
        Lang.EN: "How can we reach you? Type a phone number (like 818 555 0100), share your number with the button, or choose \"Here on Telegram\".",
        Lang.ES: "¿Cómo nos comunicamos con usted? Escriba un teléfono (como 818 555 0100), comparta su número con el botón, o elija \"Aquí en Telegram\".",
    },
    "bk_by_telegram": {Lang.EN: "Here on Telegram", Lang.ES: "Aquí en Telegram"},
    "bk_share_phone": {Lang.EN: "📱 Share my phone number", Lang.ES: "📱 Compartir mi número"},
    "bk_hint_phone": {
        Lang.EN: "That does not look like a phone number I can use. Type it with the area code, like 818 555 0100, or +52 for a number in Mexico.",
        Lang.ES: "Ese número no parece válido. Escríbalo con el código de área, como 818 555 0100, o con +52 si es de México.",
    },
    "bk_hint_username": {
        Lang.EN: "Our staff can only write to you on Telegram if you have a username (Telegram Settings → Username). Please set one, or type a phone number.",
        Lang.ES: "El personal solo puede escribirle por Telegram si usted tiene nombre de usuario (Ajustes de Telegram → Nombre de usuario). Póngase uno, o escriba un teléfono.",
    },
    "bk_contact_saved": {Lang.EN: "Thanks. We will reach you: {contact}.", Lang.ES: "Gracias. Nos comunicaremos: {contact}."},
    "bk_ask_meeting": {Lang.EN: "How do you want to meet?", Lang.ES: "¿Cómo quiere la cita?"},
    "meet_phone": {Lang.EN: "Phone call", Lang.ES: "Por teléfono"},
    "meet_video": {Lang.EN: "Video call", Lang.ES: "Por videollamada"},
    "meet_in_person": {Lang.EN: "In person at the office", Lang.ES: "En persona en la oficina"},
    "bk_ask_day": {
        Lang.EN: "Which day? These days have free times ({zone}).",
        Lang.ES: "¿Qué día? Estos días tienen horas libres ({zone}).",
    },
    "bk_later_days": {Lang.EN: "Later days ›", Lang.ES: "Más días ›"},
    "bk_no_days": {
        Lang.EN: "Sorry, there are no free times to book right now. Please call the office, or try again in a few days.",
        Lang.ES: "Perdón, por ahora no hay horas libres. Llame a la oficina o intente otra vez en unos días.",
    },
    "bk_day_full": {
        Lang.EN: "That day has no free times left. Please choose another day.",
        Lang.ES: "Ese día ya no tiene horas libres. Elija otro día, por favor.",
    },
    "bk_ask_time": {
        Lang.EN: "What time on {day}? Times are {zone}.",
        Lang.ES: "¿A qué hora el {day}? (Todas en {zone}.)",
    },
    "bk_other_day": {Lang.EN: "‹ Another day", Lang.ES: "‹ Otro día"},
    "bk_hint_time": {
        Lang.EN: "Please tap one of the times, or type one of them, like 10:30.",
        Lang.ES: "Toque una de las horas, o escríbala, como 10:30.",
    },
    "bk_time_gone": {
        Lang.EN: "That time is not free anymore. Please choose another one.",
        Lang.ES: "Esa hora ya no está libre. Elija otra, por favor.",
    },
    "bk_ask_topic": {
        Lang.EN: "What is it about? This is optional and helps the attorney prepare. Just pick a topic: please do not write private details here.",
        Lang.ES: "¿De qué se trata? Es opcional y ayuda al abogado a prepararse. Solo elija un tema: por favor no escriba detalles privados aquí.",
    },
    "bk_skip_topic": {Lang.EN: "Skip / other", Lang.ES: "Omitir / otro"},
    "bk_no_topic": {Lang.EN: "not given", Lang.ES: "no indicado"},
    "bk_ask_court_soon": {
        Lang.EN: "Is your immigration court date within the next 7 days?",
        Lang.ES: "¿Su fecha en la corte de inmigración es dentro de los próximos 7 días?",
    },
    "yes": {Lang.EN: "Yes", Lang.ES: "Sí"},
    "no": {Lang.EN: "No", Lang.ES: "No"},
    "not_sure": {Lang.EN: "Not sure", Lang.ES: "No sé"},
    "bk_summary": {Lang.EN: "Please check your booking:\n\n{details}", Lang.ES: "Revise su cita, por favor:\n\n{details}"},
    "bk_summary_move": {
        Lang.EN: "Move your consultation to this time?\n\n{details}",
        Lang.ES: "¿Cambiar su consulta a esta hora?\n\n{details}",
    },
    "bk_field_name": {Lang.EN: "Name", Lang.ES: "Nombre"},
    "bk_field_contact": {Lang.EN: "Contact", Lang.ES: "Contacto"},
    "bk_field_meeting": {Lang.EN: "Meeting", Lang.ES: "Cómo"},
    "bk_field_when": {Lang.EN: "When", Lang.ES: "Cuándo"},
    "bk_field_topic": {Lang.EN: "Topic", Lang.ES: "Tema"},
    "bk_confirm": {Lang.EN: "✅ Confirm", Lang.ES: "✅ Confirmar"},
    "bk_change": {Lang.EN: "✏️ Change something", Lang.ES: "✏️ Cambiar algo"},
    "bk_what_to_change": {Lang.EN: "What do you want to change?", Lang.ES: "¿Qué quiere cambiar?"},
    "bk_change_name": {Lang.EN: "Name", Lang.ES: "Nombre"},
    "bk_change_contact": {Lang.EN: "Contact", Lang.ES: "Contacto"},
    "bk_change_meeting": {Lang.EN: "How we meet", Lang.ES: "Cómo es la cita"},
    "bk_change_time": {Lang.EN: "Day and time", Lang.ES: "Día y hora"},
    "bk_change_topic": {Lang.EN: "Topic", Lang.ES: "Tema"},
    "bk_back_to_summary": {Lang.EN: "‹ Back to the summary", Lang.ES: "‹ Volver al resumen"},
    "bk_hint_buttons": {
        Lang.EN: "Please choose one of the buttons below (or type /cancel to stop).",
        Lang.ES: "Elija uno de los botones de abajo (o escriba /cancel para salir).",
    },
    "bk_old_button": {
        Lang.EN: "That button belongs to an earlier step. Here is where we are:",
        Lang.ES: "Ese botón es de un paso anterior. Aquí es donde vamos:",
    },
    "bk_continue_offer": {
        Lang.EN: "Your booking is not finished yet. Continue where we were?",
        Lang.ES: "Su cita todavía no está lista. ¿Seguimos donde íbamos?",
    },
    "bk_continue_button": {Lang.EN: "Continue booking", Lang.ES: "Seguir con la cita"},
    "bk_taken": {
        Lang.EN: "Sorry, that time was just taken by someone else. Here are the next free times:",
        Lang.ES: "Perdón, alguien acaba de tomar esa hora. Estas son las próximas horas libres:",
    },
    "bk_confirmed": {
        Lang.EN: "Your free consultation is booked.\n\n{details}\n\nWe will send you a reminder before it. Save the calendar file below. To see, move or cancel it: /mybooking.",
        Lang.ES: "Su consulta gratis quedó reservada.\n\n{details}\n\nLe mandaremos un recordatorio antes de la cita. Guarde el archivo de calendario de abajo. Para verla, cambiarla o cancelarla: /micita.",
    },
    "bk_moved": {
        Lang.EN: "Done: your consultation was moved.\n\n{details}\n\nHere is the new calendar file. /mybooking to see it.",
        Lang.ES: "Listo: su consulta se cambió.\n\n{details}\n\nAquí está el nuevo archivo de calendario. /micita para verla.",
    },
    "bk_already": {
        Lang.EN: "You already have a consultation booked: {when}. You can see, move or cancel it here.",
        Lang.ES: "Ya tiene una consulta reservada: {when}. Aquí puede verla, cambiarla o cancelarla.",
    },
    "bk_mine": {Lang.EN: "Your consultation:\n\n{details}", Lang.ES: "Su consulta:\n\n{details}"},
    "bk_none_booked": {
        Lang.EN: "You have no consultation booked.",
        Lang.ES: "No tiene ninguna consulta reservada.",
    },
    "bk_my_button": {Lang.EN: "My booking", Lang.ES: "Mi cita"},
    "bk_move_button": {Lang.EN: "Move it", Lang.ES: "Cambiar día u hora"},
    "bk_cancel_mine_button": {Lang.EN: "Cancel it", Lang.ES: "Cancelarla"},
    "bk_cancel_ask": {
        Lang.EN: "Cancel your consultation on {when}?",
        Lang.ES: "¿Cancelar su consulta del {when}?",
    },
    "bk_cancel_yes": {Lang.EN: "Yes, cancel it", Lang.ES: "Sí, cancelarla"},
    "bk_keep": {Lang.EN: "No, keep it", Lang.ES: "No, mantenerla"},
    "bk_kept": {Lang.EN: "OK, your consultation stays as it is.", Lang.ES: "Bien, su consulta queda como está."},
    "bk_booking_cancelled": {
        Lang.EN: "Your consultation was cancelled, and the office was told. You can book again any time with /book.",
        Lang.ES: "Su consulta se canceló y se avisó a la oficina. Puede hacer otra cita cuando quiera con /cita.",
    },
    "bk_unavailable": {
        Lang.EN: "Booking here is not open yet. To book your free consultation, contact {office_name}: phone {phone}, hours {hours}.",
        Lang.ES: "Todavía no se pueden hacer citas aquí. Para su consulta gratis, comuníquese con {office_name}: teléfono {phone}, horario {hours}.",
    },
    "contact_not_needed": {
        Lang.EN: "Thanks, but I only need a phone number while you book a consultation (/book). I did not keep it.",
        Lang.ES: "Gracias, pero solo necesito un teléfono al hacer una cita (/cita). No lo guardé.",
    },
    "reminder_24h": {
        Lang.EN: "Reminder: your free consultation is coming up.\n\n{details}\n\nCan't make it? /mybooking to move or cancel it.",
        Lang.ES: "Recordatorio: se acerca su consulta gratis.\n\n{details}\n\n¿No puede? /micita para cambiarla o cancelarla.",
    },
    "reminder_1h": {
        Lang.EN: "Reminder: your free consultation starts in about an hour.\n\n{details}",
        Lang.ES: "Recordatorio: su consulta gratis empieza en más o menos una hora.\n\n{details}",
    },
    "ics_summary": {Lang.EN: "Free consultation: {office}", Lang.ES: "Consulta gratis: {office}"},
    "ics_description": {
        Lang.EN: "{meeting}. To move or cancel it, write /mybooking to the bot.",
        Lang.ES: "{meeting}. Para cambiarla o cancelarla, escriba /micita al bot.",
    },
}


def say(key: str, lang: Lang, **values: str) -> str:
    """The text `key` in `lang`, with its `{slots}` filled."""
    template = TEXTS[key][lang]
    return template.format(**values) if values else template
