"""The review UI's pages; each ``render(client, me)`` draws one page from API answers."""
