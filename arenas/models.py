"""Arenas, phases, playbooks and membership arrive with the arenas issue."""
