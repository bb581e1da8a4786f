using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Baton.Durable.AzureStorage;

/// <summary>
/// A cheap wake-up between the processes of one task hub, so that an idle process can poll its queues rarely and
/// still pick up at once a message another process has just sent it. Each worker process listens on a UDP port of
/// <see cref="AzureStorageOrchestrationStoreOptions.WakeUpAddress"/> and advertises it in its presence blob; a process
/// that puts a message in a control queue it does not own, or an activity request it does not keep, sends a one-line
/// datagram naming the hub and the queue to the processes it knows. A signal only brings the receiver's next poll of
/// that queue forward to the active interval: a lost, forged or repeated datagram costs at most a few extra polls, and
/// a process out of reach (another machine, a blocked port) still gets the message at its idle polling interval.
/// Thread-safe.
/// </summary>
internal sealed class WakeUpSignals : IAsyncDisposable
{
    private const string Prefix = "baton-wake/1";
    private const int MaxPeers = 64;

    /// <summary>How long a list of peers is trusted before a process that has no lease loop lists them again.</summary>
    private static readonly TimeSpan PeersTtl = TimeSpan.FromSeconds(30);

    private readonly string _hub;
    private readonly string? _address;
    private readonly ILogger _logger;
    private readonly Action<int> _onPartition;
    private readonly Action _onWorkItems;
    private readonly Func<CancellationToken, Task<IReadOnlyList<string>>> _listPeers;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private UdpClient? _listener;
    private UdpClient? _sender;
    private Task? _receiveLoop;
    private Task? _refresh;
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private ImmutableArray<IPEndPoint> _peers = [];
    private long _peersAt = -1;

    /// <param name="hub">The task hub; signals for other hubs are ignored.</param>
    /// <param name="address">The address to listen on, and to send from; null turns the signals off.</param>
    /// <param name="logger">Where failures are logged.</param>
    /// <param name="onPartition">Called when another process has sent a message to a partition's control queue.</param>
    /// <param name="onWorkItems">Called when another process has put activity requests for any worker.</param>
    /// <param name="listPeers">Lists the wake-up endpoints of the live processes of the hub (one storage request).</param>
    public WakeUpSignals(string hub, string? address, ILogger logger, Action<int> onPartition, Action onWorkItems, Func<CancellationToken, Task<IReadOnlyList<string>>> listPeers)
    {
        _hub = hub;
        _address = string.IsNullOrWhiteSpace(address) ? null : address;
        _logger = logger;
        _onPartition = onPartition;
        _onWorkItems = onWorkItems;
        _listPeers = listPeers;
    }

    /// <summary>The endpoint this process listens on (<c>address:port</c>), once <see cref="Listen"/> has bound it; null otherwise.</summary>
    public string? Endpoint { get; private set; }

    /// <summary>Binds the listening socket and starts receiving; does nothing when the signals are off or already listening.</summary>
    public void Listen()
    {
        lock (_gate)
        {
            if (_address is null || _listener is not null || _stopping.IsCancellationRequested)
            {
                return;
            }

            try
            {
                var listener = new UdpClient(new IPEndPoint(IPAddress.Parse(_address), 0));
                var bound = (IPEndPoint)listener.Client.LocalEndPoint!;
                _listener = listener;
                Endpoint = bound.ToString();
                _receiveLoop = Task.Run(ReceiveAsync);
            }
            catch (Exception e) when (e is SocketException or FormatException)
            {
                Log.WakeUpUnavailable(_logger, _address, e);
            }
        }
    }

    /// <summary>Replaces the known peers (from a listing of the presence blobs); this process's own endpoint is left out.</summary>
    public void SetPeers(IEnumerable<string> endpoints)
    {
        var peers = new List<IPEndPoint>();
        foreach (var text in endpoints)
        {
            if (text != Endpoint && IPEndPoint.TryParse(text, out var endpoint) && peers.Count < MaxPeers)
            {
                peers.Add(endpoint);
            }
        }

        lock (_gate)
        {
            _peers = [.. peers];
            _peersAt = Environment.TickCount64;
        }
    }

    /// <summary>Tells the other processes that a message waits in the partition's control queue.</summary>
    public void SignalPartition(int partition) => Signal("c" + partition.ToString(CultureInfo.InvariantCulture));

    /// <summary>Tells the other processes that activity requests wait in the work-item queue.</summary>
    public void SignalWorkItems() => Signal("w");

    private void Signal(string what)
    {
        if (_address is null || _stopping.IsCancellationRequested)
        {
            return;
        }

        ImmutableArray<IPEndPoint> peers;
        lock (_gate)
        {
            peers = _peers;
            var refreshing = _refresh is { IsCompleted: false };
            if (refreshing || _peersAt < 0 || Environment.TickCount64 - _peersAt > PeersTtl.TotalMilliseconds)
            {
                // A process without a lease loop (a client) lists the presence blobs itself, off the caller's path;
                // what is signalled meanwhile goes out once the list is known.
                _pending.Add(what);
                if (!refreshing)
                {
                    _refresh = Task.Run(RefreshThenSendAsync);
                }

                return;
            }
        }

        Send(peers, what);
    }

    private async Task RefreshThenSendAsync()
    {
        try
        {
            SetPeers(await _listPeers(_stopping.Token));
        }
        catch (Exception e)
        {
            if (!_stopping.IsCancellationRequested)
            {
                Log.WakeUpPeersNotListed(_logger, e);
            }

            lock (_gate)
            {
                // Do not list again on every message while storage is in trouble.
                _peersAt = Environment.TickCount64;
                _pending.Clear();
            }

            return;
        }

        ImmutableArray<IPEndPoint> peers;
        string[] pending;
        lock (_gate)
        {
            peers = _peers;
            pending = [.. _pending];
            _pending.Clear();
        }

        foreach (var what in pending)
        {
            Send(peers, what);
        }
    }

    private void Send(ImmutableArray<IPEndPoint> peers, string what)
    {
        if (peers.IsEmpty)
        {
            return;
        }

        var datagram = Encoding.UTF8.GetBytes($"{Prefix} {_hub} {what}");
        UdpClient sender;
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            sender = _sender ??= new UdpClient(new IPEndPoint(IPAddress.Parse(_address!), 0));
        }

        foreach (var peer in peers)
        {
            try
            {
                sender.Send(datagram, datagram.Length, peer);
            }
            catch (SocketException)
            {
                // Best effort: the peer polls at its idle interval anyway.
            }
        }
    }

    private async Task ReceiveAsync()
    {
        var listener = _listener!;
        while (!_stopping.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await listener.ReceiveAsync(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException)
            {
                // A peer's port closed (ICMP unreachable on some systems); keep listening.
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            Dispatch(Encoding.UTF8.GetString(received.Buffer));
        }
    }

    /// <summary>Acts on one datagram: <c>baton-wake/1 &lt;hub&gt; c&lt;partition&gt;</c> or <c>baton-wake/1 &lt;hub&gt; w</c>; anything else is ignored.</summary>
    internal void Dispatch(string text)
    {
        var parts = text.Split(' ');
        if (parts.Length != 3 || parts[0] != Prefix || !string.Equals(parts[1], _hub, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (parts[2] == "w")
        {
            _onWorkItems();
        }
        else if (parts[2].StartsWith('c') && int.TryParse(parts[2].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var partition))
        {
            _onPartition(partition);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _stopping.Cancel();
            loop = _receiveLoop;
        }

        _listener?.Dispose();
        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        lock (_gate)
        {
            _sender?.Dispose();
        }
    }
}
