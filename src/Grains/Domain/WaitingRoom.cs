using DiuParibahan.Grains.Queue;

namespace DiuParibahan.Grains.Domain;

/// <summary>
/// The queue of one sale window over its persisted <see cref="WaitingRoomState"/>. Plain C#: time is passed in and the
/// lottery draws from the <see cref="Random"/> it is given, so tests replay it. Every method returning true changed the
/// state, which must be stored before the change is acknowledged.
/// </summary>
/// <remarks>
/// Fairness: phones that join before the opening are equal; at the opening they are put in a uniformly random order
/// (Fisher–Yates), so arriving an hour early earns nothing over arriving a minute early. After the opening, joins queue
/// first come first served behind them. Admissions are a token bucket at the window's rate (at most a minute's worth
/// saved up, so a pause never turns into a burst), and stop while the trips are sold out.
/// </remarks>
public sealed class WaitingRoom
{
    public const int MaxWaiters = 500_000;

    private readonly WaitingRoomState _state;
    private readonly Random _random;
    private readonly Dictionary<string, int> _places = new(StringComparer.Ordinal);
    private readonly HashSet<string> _early = new(StringComparer.Ordinal);

    public WaitingRoom(WaitingRoomState state, Random random)
    {
        _state = state;
        _random = random;
        for (var i = 0; i < state.Line.Count; i++)
        {
            _places[state.Line[i]] = i + 1;
        }
        _early.UnionWith(state.Early);
    }

    public WaitingRoomState State => _state;

    private SaleWindow Window => _state.Window ?? throw new InvalidOperationException("The waiting room has no window yet.");

    /// <summary>Takes new settings; a closed window closes the queue for good.</summary>
    public bool Configure(SaleWindow window, DateTimeOffset now)
    {
        _state.Window = window;
        if (window.Status == SaleWindowStatus.Closed && _state.Phase != QueuePhase.Closed)
        {
            _state.Phase = QueuePhase.Closed;
        }
        Advance(now);
        _state.Version++;
        return true;
    }

    /// <summary>
    /// Brings the queue to <paramref name="now"/>: holds the lottery once the opening has come, then admits as many
    /// phones as the rate has earned since the last call (none while sold out or closed).
    /// </summary>
    public bool Advance(DateTimeOffset now)
    {
        if (_state.Window is null || _state.Phase == QueuePhase.Closed)
        {
            return false;
        }
        var changed = false;
        if (_state.Phase == QueuePhase.Announced && now >= Window.OpensAt)
        {
            Open();
            changed = true;
        }
        if (_state.Phase != QueuePhase.Open)
        {
            return changed;
        }
        var interval = Interval;
        if (now > _state.CreditsAt)
        {
            _state.EarnedTicks = Math.Min(Math.Max(interval, TimeSpan.TicksPerMinute), _state.EarnedTicks + (now - _state.CreditsAt).Ticks);
            _state.CreditsAt = now;
        }
        while (_state.EarnedTicks >= interval && _state.Head < _state.Line.Count)
        {
            _state.Admissions[_state.Line[_state.Head]] = now + Window.AdmissionValidity;
            _state.Head++;
            _state.EarnedTicks -= interval;
            changed = true;
        }
        if (changed)
        {
            _state.Version++;
        }
        return changed;
    }

    /// <summary>Puts the phone in line (idempotent: a phone already in line keeps its place).</summary>
    public (QueueJoinResult Result, bool Changed) Join(string phone, DateTimeOffset now)
    {
        var changed = Advance(now);
        if (_state.Window is null)
        {
            return (NotFound(), changed);
        }
        if (_places.ContainsKey(phone) || _early.Contains(phone))
        {
            return (new QueueJoinResult(View(phone, now), null), changed);
        }
        if (_state.Phase == QueuePhase.Closed)
        {
            return (Refused(SaleWindowErrorCode.SaleWindowClosed, "This sale is closed; there is no queue to join."), changed);
        }
        if (_state.Phase == QueuePhase.SoldOut)
        {
            return (Refused(SaleWindowErrorCode.SaleWindowSoldOut, "Every seat of this sale is taken; the queue takes no new places."), changed);
        }
        if (_state.Early.Count + _state.Line.Count >= MaxWaiters)
        {
            return (Refused(SaleWindowErrorCode.QueueFull, "The queue for this sale is full."), changed);
        }
        if (_state.Phase == QueuePhase.Announced)
        {
            _state.Early.Add(phone);
            _early.Add(phone);
        }
        else
        {
            _state.Line.Add(phone);
            _places[phone] = _state.Line.Count;
            // A phone joining an idle open queue may be admitted at once, within the rate.
            Advance(now);
        }
        _state.Version++;
        return (new QueueJoinResult(View(phone, now), null), true);
    }

    /// <summary>Where the phone stands, or why it has no place.</summary>
    public QueueJoinResult Get(string phone, DateTimeOffset now)
    {
        if (_state.Window is null)
        {
            return NotFound();
        }
        return _places.ContainsKey(phone) || _early.Contains(phone)
            ? new QueueJoinResult(View(phone, now), null)
            : Refused(SaleWindowErrorCode.NotInQueue, "This phone has not joined the queue for this sale.");
    }

    /// <summary>
    /// A frontend's count of seats left per trip. Per trip, the count read at the newer trip version wins, so a count a
    /// frontend read before another frontend's newer one cannot undo it when it arrives later (two frontends count
    /// every round; without this, a count read just before the sell-out but reported just after re-opened the queue).
    /// The window's seats left are the sum over the reported trips: none makes an open queue sold out, seats coming
    /// back re-open it.
    /// </summary>
    public bool ReportSeatsLeft(IReadOnlyList<TripSeatsLeft> trips, DateTimeOffset now)
    {
        var newest = new Dictionary<string, TripSeatsLeft>(trips.Count, StringComparer.Ordinal);
        foreach (var trip in trips)
        {
            var known = _state.TripSeats.TryGetValue(trip.TripId, out var stored) && stored.Version > trip.Version ? stored : trip;
            if (!newest.TryGetValue(trip.TripId, out var seen) || seen.Version < known.Version)
            {
                newest[trip.TripId] = known;
            }
        }
        var changed = !SameCounts(newest);
        _state.TripSeats = newest;
        return ReportSeatsLeft(newest.Values.Sum(t => Math.Max(0, t.SeatsLeft)), now) || changed;
    }

    private bool SameCounts(Dictionary<string, TripSeatsLeft> counts) =>
        counts.Count == _state.TripSeats.Count
        && counts.All(c => _state.TripSeats.TryGetValue(c.Key, out var stored) && stored == c.Value);

    private bool ReportSeatsLeft(int seatsLeft, DateTimeOffset now)
    {
        var changed = Advance(now);
        if (_state.SeatsLeft != seatsLeft)
        {
            _state.SeatsLeft = seatsLeft;
            changed = true;
        }
        if (_state.Phase == QueuePhase.Open && seatsLeft == 0)
        {
            _state.Phase = QueuePhase.SoldOut;
            changed = true;
        }
        else if (_state.Phase == QueuePhase.SoldOut && seatsLeft > 0)
        {
            // Seats freed by expiries or cancellations re-open admissions from now, without the paused time's credits.
            _state.Phase = QueuePhase.Open;
            _state.CreditsAt = now;
            _state.EarnedTicks = Math.Min(_state.EarnedTicks, Interval);
            Advance(now);
            changed = true;
        }
        if (changed)
        {
            _state.Version++;
        }
        return changed;
    }

    public QueueStatus Status() => new(Window.Id, _state.Phase, _state.Head, _state.Early.Count + _state.Line.Count - _state.Head,
        _state.SeatsLeft, Window.OpensAt, _state.Version, Window.AdmissionPerMinute);

    /// <summary>When the next admission is due (null when none can come: not open, or nobody waiting).</summary>
    public DateTimeOffset? NextAdmissionDue(DateTimeOffset now)
    {
        if (_state.Window is null || _state.Phase is QueuePhase.Closed or QueuePhase.SoldOut)
        {
            return null;
        }
        if (_state.Phase == QueuePhase.Announced)
        {
            return Window.OpensAt;
        }
        if (_state.Head >= _state.Line.Count)
        {
            return null;
        }
        return now + TimeSpan.FromTicks(Math.Max(0, Interval - _state.EarnedTicks));
    }

    /// <summary>Time one admission costs: a minute over the rate.</summary>
    private long Interval => TimeSpan.TicksPerMinute / Window.AdmissionPerMinute;

    private void Open()
    {
        // The lottery: a uniformly random permutation of everyone who came before the opening.
        var drawn = _state.Early.ToArray();
        _random.Shuffle(drawn);
        _state.Line.InsertRange(0, drawn);
        _state.Early.Clear();
        _early.Clear();
        _places.Clear();
        for (var i = 0; i < _state.Line.Count; i++)
        {
            _places[_state.Line[i]] = i + 1;
        }
        // The first admission is due at the opening itself.
        _state.CreditsAt = Window.OpensAt;
        _state.EarnedTicks = Interval;
        _state.Phase = _state.SeatsLeft == 0 ? QueuePhase.SoldOut : QueuePhase.Open;
    }

    private QueueAnswer View(string phone, DateTimeOffset now)
    {
        var window = Window;
        var inLottery = _state.Early.Count;
        if (_early.Contains(phone))
        {
            return new QueueAnswer(window.Id, StateFor(QueueState.Waiting), null, null, _state.SeatsLeft, window.OpensAt,
                Max(window.OpensAt - now), null, inLottery);
        }
        var place = _places[phone];
        if (_state.Admissions.TryGetValue(phone, out var until))
        {
            var state = until > now ? QueueState.Admitted : QueueState.Expired;
            return new QueueAnswer(window.Id, _state.Phase == QueuePhase.Closed ? QueueState.Closed : state, place, null,
                _state.SeatsLeft, window.OpensAt, TimeSpan.Zero, until, inLottery);
        }
        var position = place - _state.Head;
        var wait = TimeSpan.FromMinutes((position - 1) / (double)window.AdmissionPerMinute) + Max(window.OpensAt - now);
        return new QueueAnswer(window.Id, StateFor(QueueState.Waiting), place, position, _state.SeatsLeft, window.OpensAt, wait, null, inLottery);
    }

    private QueueState StateFor(QueueState waiting) => _state.Phase switch
    {
        QueuePhase.Closed => QueueState.Closed,
        QueuePhase.SoldOut => QueueState.SoldOut,
        _ => waiting,
    };

    private static TimeSpan Max(TimeSpan span) => span > TimeSpan.Zero ? span : TimeSpan.Zero;

    private static QueueJoinResult NotFound() =>
        Refused(SaleWindowErrorCode.SaleWindowNotFound, "There is no such sale window.");

    private static QueueJoinResult Refused(SaleWindowErrorCode code, string detail) => new(null, new SaleWindowFailure(code, detail));
}
