"""The printing environment: videos and demos as print figures, and the site as one PDF."""
