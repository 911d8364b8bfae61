try:
    risky()
except ValueError as e:
    handle(e)
except (TypeError, KeyError):
    pass
except:
    raise
else:
    ok()
