using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using LoopBench.Core.Interop;

namespace LoopBench.Tests.Core.Interop;

/// <summary>The mmsghdr arrays and the UDP_GRO control message, with buffers built here in place of the kernel.</summary>
public sealed unsafe class MessageBatchTests
{
    [Fact]
    public void MMsgHdr_HasTheLp64Layout()
    {
        Assert.Equal(56, sizeof(MsgHdr));
        Assert.Equal(64, sizeof(MMsgHdr));
        var entry = default(MMsgHdr);
        Assert.Equal(56, (int)Unsafe.ByteOffset(ref Unsafe.As<MMsgHdr, byte>(ref entry), ref Unsafe.As<uint, byte>(ref entry.Length)));
    }

    [Fact]
    public void New_WiresEachEntryToItsOwnSliceOfDataAndControl()
    {
        var batch = new MessageBatch(4, 100, UdpGroControl.ControlBytes);
        fixed (byte* data = batch.Data)
        {
            for (int i = 0; i < 4; i++)
            {
                var entry = batch.Entry(i);
                Assert.Equal(1u, (uint)entry->Header.IovLength);
                Assert.Equal((nint)(data + (i * 100)), (nint)entry->Header.Iov->Base);
                Assert.Equal(100u, (uint)entry->Header.Iov->Length);
                Assert.Equal((nint)batch.Entry(0)->Header.Control + (i * UdpGroControl.ControlBytes), (nint)entry->Header.Control);
                Assert.True(entry->Header.Name is null);
            }
        }

        Assert.True(new MessageBatch(2, 8).Entry(1)->Header.Control is null);
    }

    [Fact]
    public void SetSendLength_ChangesOnlyThatEntry_WithinItsRoom()
    {
        var batch = new MessageBatch(3, 64);
        batch.SetSendLength(2, 10);
        Assert.Equal([64, 64, 10], new[] { batch.SendLength(0), batch.SendLength(1), batch.SendLength(2) });
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.SetSendLength(0, 65));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.SetSendLength(0, -1));
    }

    [Fact]
    public void ReceivedDataAndControl_AreWhatTheKernelWrote_PerEntry()
    {
        var batch = new MessageBatch(3, 256, UdpGroControl.ControlBytes);
        Span<byte> control = stackalloc byte[UdpGroControl.ControlBytes];
        int length = UdpGroControl.Write(control, 64);
        batch.FakeReceive(0, [1, 2, 3], []);
        batch.FakeReceive(1, new byte[200], control[..length]);
        Assert.Equal(3, batch.Received(0));
        Assert.Equal([1, 2, 3], batch.ReceivedData(0).ToArray());
        Assert.Equal(0, batch.ReceivedControl(0).Length);
        Assert.Equal(200, batch.ReceivedData(1).Length);
        Assert.Equal(64, UdpGroControl.SegmentSize(batch.ReceivedControl(1)));
        Assert.Equal(0, UdpGroControl.SegmentSize(batch.ReceivedControl(0)));
    }

    [Fact]
    public void New_OffersTheWholeControlAreaToTheFirstReceive()
    {
        var batch = new MessageBatch(3, 64, UdpGroControl.ControlBytes);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal((nuint)UdpGroControl.ControlBytes, batch.Entry(i)->Header.ControlLength);
        }
    }

    [Fact]
    public void SegmentSize_NoControlMessage_IsZero_OneDatagram()
    {
        Assert.Equal(0, UdpGroControl.SegmentSize([]));
        Assert.Equal(0, UdpGroControl.SegmentSize(new byte[8])); // shorter than a cmsghdr
    }

    [Fact]
    public void SegmentSize_FindsTheGroMessage_AfterAnotherOne()
    {
        // SOL_SOCKET / SO_TIMESTAMPNS (16 bytes of data), then SOL_UDP / UDP_GRO: the second sits at CMSG_ALIGN(32)
        var control = new byte[64];
        BinaryPrimitives.WriteInt64LittleEndian(control, 16 + 16);
        BinaryPrimitives.WriteInt32LittleEndian(control.AsSpan(8), 1);
        BinaryPrimitives.WriteInt32LittleEndian(control.AsSpan(12), 35);
        int gro = UdpGroControl.Write(control.AsSpan(32), 1400);
        Assert.Equal(1400, UdpGroControl.SegmentSize(control.AsSpan(0, 32 + gro)));
        Assert.Equal(0, UdpGroControl.SegmentSize(control.AsSpan(0, 32))); // the timestamp alone
    }

    [Fact]
    public void SegmentSize_MalformedOrOtherLevel_IsZero()
    {
        var control = new byte[UdpGroControl.ControlBytes];
        int length = UdpGroControl.Write(control, 64);
        BinaryPrimitives.WriteInt32LittleEndian(control.AsSpan(8), 0); // SOL_IP, same type number
        Assert.Equal(0, UdpGroControl.SegmentSize(control.AsSpan(0, length)));

        UdpGroControl.Write(control, 64);
        BinaryPrimitives.WriteInt64LittleEndian(control, 4096); // claims more than was written (MSG_CTRUNC)
        Assert.Equal(0, UdpGroControl.SegmentSize(control.AsSpan(0, length)));

        BinaryPrimitives.WriteInt64LittleEndian(control, 3); // shorter than its own header: no endless loop
        Assert.Equal(0, UdpGroControl.SegmentSize(control.AsSpan(0, length)));
    }

    [Theory]
    [InlineData(11, "WouldBlock")]
    [InlineData(105, "NoBufferSpaceAvailable")]
    [InlineData(9, "OperationAborted")]
    [InlineData(111, "ConnectionRefused")]
    [InlineData(22, "errno 22")]
    public void ErrorName_SpeaksAsTheChannelDoes(int errno, string name) => Assert.Equal(name, MessageBatch.ErrorName(errno));
}
