"""Comparing documents: a plan with its summary (follow-through) and two drafts (diff). Domain only; render/ prints them."""
