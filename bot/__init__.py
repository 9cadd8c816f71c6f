"""An immigration law office's assistant: a bilingual FAQ core, a terminal chat, a Telegram adapter."""
