"""Transparency reporting: aggregate counts (EU DSA / Santa Clara "Numbers") and DSA statements of reasons.

Everything here is read-only over the moderation tables; nothing in this package writes case state.
"""
