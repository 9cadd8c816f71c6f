"""The Telegram adapter: turns updates into calls on the core and replies into messages.

Nothing outside this package imports `telegram`.
"""
